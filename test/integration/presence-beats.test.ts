import {describe, expect, it} from 'vitest';
import {PRESENCE_TTL_MS} from '../../mutators/presence/presence.ts';
import {sessionGate} from '../../server/http/session-gate.ts';
import {presenceBeatRoutes} from '../../server/http/presence-beat.ts';
import {sweepPresence} from '../../server/presence/presence-beats.ts';
import type {TestDatabase} from '../support/database.ts';
import {databaseSuite} from '../support/suites.ts';
import {demoContext, type serverMutator} from '../support/server-mutate.ts';

/**
 * Heartbeats stay off the synced tables: a beat that changes nothing
 * visible does not rewrite walk_presence (which every viewer receives), yet
 * it keeps the viewer from being swept; a change of mode is written.
 */
describe('presence beats off the synced tables', () => {
  let db: TestDatabase;
  let mutate: ReturnType<typeof serverMutator>;
  const l1 = demoContext('l1@northwind.test');
  const senior = demoContext('senior@northwind.test');
  databaseSuite(world => ({db, mutate} = world));

  const row = async (walkId: string, userId: string) => (await db.sql`select mode, last_seen from walk_presence where id = ${`${walkId}:${userId}`}`)[0];
  const beat = async (walkId: string, userId: string) =>
    (await db.sql`select last_seen from unsynced.presence_beat where id = ${`${walkId}:${userId}`}`)[0]?.last_seen;

  it('repeated beats leave the synced row alone, record the beat, and keep the viewer through the sweep', async () => {
    const walkId = crypto.randomUUID();
    expect(await mutate(l1, 'ticket.intake', {ticketId: crypto.randomUUID(), walkId, problemStatement: 'Monitor flickers'})).toEqual({ok: true});
    expect(await mutate(senior, 'presence.heartbeat', {walkId})).toEqual({ok: true});
    const first = await row(walkId, senior.userId);
    expect(first.mode).toBe('watching');

    await new Promise(r => setTimeout(r, 30));
    expect(await mutate(senior, 'presence.heartbeat', {walkId})).toEqual({ok: true});
    expect(await row(walkId, senior.userId)).toEqual(first);
    const beatAt = await beat(walkId, senior.userId);
    expect(beatAt).toBeGreaterThan(first.last_seen);

    // Past the row's own time but within the beat's: kept. Past both: swept.
    const afterRow = first.last_seen + PRESENCE_TTL_MS + (beatAt - first.last_seen) / 2;
    await sweepPresence(db.sql, afterRow);
    expect(await row(walkId, senior.userId)).toBeDefined();
    await sweepPresence(db.sql, beatAt + PRESENCE_TTL_MS + 1);
    expect(await row(walkId, senior.userId)).toBeUndefined();
    expect(await beat(walkId, senior.userId)).toBeUndefined();
  });

  it('keeps beats in an unlogged table: no WAL to flush or for replication to decode', async () => {
    const [row] = await db.sql`select c.relpersistence from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'unsynced' and c.relname = 'presence_beat'`;
    expect(row.relpersistence).toBe('u');
  });

  it('a change of mode is written to the synced row at the next beat', async () => {
    const walkId = crypto.randomUUID();
    expect(await mutate(l1, 'ticket.intake', {ticketId: crypto.randomUUID(), walkId, problemStatement: 'Dock not charging'})).toEqual({ok: true});
    expect(await mutate(senior, 'presence.heartbeat', {walkId})).toEqual({ok: true});
    expect((await row(walkId, senior.userId)).mode).toBe('watching');
    await db.sql`update walk set driver_user_id = ${senior.userId} where id = ${walkId}`;
    expect(await mutate(senior, 'presence.heartbeat', {walkId})).toEqual({ok: true});
    expect((await row(walkId, senior.userId)).mode).toBe('driving');
  });

  describe('POST /api/presence/beat (the walker page between mutator beats)', () => {
    const contoso = demoContext('engineer@contoso.test');
    // The session lookup is tested with the real cookie elsewhere; here the header names the person.
    const people = new Map([l1, senior, contoso].map(c => [c.userId, c]));
    const route = () =>
      presenceBeatRoutes(
        db.sql,
        sessionGate(async headers => people.get(headers.get('x-test-user') ?? '')),
      );
    const post = (who: {userId: string} | undefined, body: unknown) =>
      route().request('/beat', {
        method: 'POST',
        headers: {'content-type': 'application/json', ...(who ? {'x-test-user': who.userId} : {})},
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });

    it('the first beat writes the synced row with the server’s mode; later beats touch no synced row', async () => {
      const walkId = crypto.randomUUID();
      expect(await mutate(l1, 'ticket.intake', {ticketId: crypto.randomUUID(), walkId, problemStatement: 'Scanner offline'})).toEqual({ok: true});
      expect(await row(walkId, senior.userId)).toBeUndefined();
      // No row yet: the beat itself writes it (no Zero push needed).
      expect((await post(senior, {walkId})).status).toBe(204);
      const synced = await row(walkId, senior.userId);
      expect(synced.mode).toBe('watching');
      expect((await post(l1, {walkId})).status).toBe(204);
      expect((await row(walkId, l1.userId)).mode).toBe('driving');

      await new Promise(r => setTimeout(r, 20));
      expect((await post(senior, {walkId})).status).toBe(204);
      expect(await row(walkId, senior.userId)).toEqual(synced);
      expect(await beat(walkId, senior.userId)).toBeGreaterThan(synced.last_seen);
    });

    it('a swept viewer’s next beat writes the row again', async () => {
      const walkId = crypto.randomUUID();
      expect(await mutate(l1, 'ticket.intake', {ticketId: crypto.randomUUID(), walkId, problemStatement: 'Label printer'})).toEqual({ok: true});
      expect((await post(senior, {walkId})).status).toBe(204);
      const first = await row(walkId, senior.userId);
      await sweepPresence(db.sql, first.last_seen + PRESENCE_TTL_MS + 60_000);
      expect(await row(walkId, senior.userId)).toBeUndefined();
      expect((await post(senior, {walkId})).status).toBe(204);
      expect((await row(walkId, senior.userId)).mode).toBe('watching');
    });

    it('beats arriving together are recorded together, each answered for its own row', async () => {
      const walkId = crypto.randomUUID();
      expect(await mutate(l1, 'ticket.intake', {ticketId: crypto.randomUUID(), walkId, problemStatement: 'Till printer jams'})).toEqual({ok: true});
      expect(await mutate(senior, 'presence.heartbeat', {walkId})).toEqual({ok: true});
      const one = route(); // one API: one batch
      const send = (who: {userId: string}) =>
        one.request('/beat', {method: 'POST', headers: {'content-type': 'application/json', 'x-test-user': who.userId}, body: JSON.stringify({walkId})});
      // The driver has no presence row yet (written now), Contoso's engineer is another account (refused), the senior's row is right; twice the senior (two tabs).
      const answers = await Promise.all([send(senior), send(l1), send(contoso), send(senior)]);
      expect(answers.map(a => a.status)).toEqual([204, 204, 404, 204]);
      expect(await beat(walkId, senior.userId)).toBeGreaterThan(0);
      expect((await row(walkId, l1.userId)).mode).toBe('driving');
      expect(await row(walkId, contoso.userId)).toBeUndefined();
    });

    it('writes the new mode at the next beat when a take-over changed it', async () => {
      const walkId = crypto.randomUUID();
      expect(await mutate(l1, 'ticket.intake', {ticketId: crypto.randomUUID(), walkId, problemStatement: 'Badge reader'})).toEqual({ok: true});
      expect((await post(senior, {walkId})).status).toBe(204);
      expect((await row(walkId, senior.userId)).mode).toBe('watching');
      await db.sql`update walk set driver_user_id = ${senior.userId} where id = ${walkId}`;
      expect((await post(senior, {walkId})).status).toBe(204);
      expect((await row(walkId, senior.userId)).mode).toBe('driving');
    });

    it('refuses strangers, other accounts and bad bodies, writing nothing', async () => {
      const walkId = crypto.randomUUID();
      expect(await mutate(l1, 'ticket.intake', {ticketId: crypto.randomUUID(), walkId, problemStatement: 'VPN drops'})).toEqual({ok: true});
      expect(await mutate(senior, 'presence.heartbeat', {walkId})).toEqual({ok: true});
      const [{count: beatsBefore}] = await db.sql`select count(*)::int as count from unsynced.presence_beat`;
      expect((await post(undefined, {walkId})).status).toBe(401);
      // Contoso naming Northwind's walk: answered exactly like a walk that does not exist, no row written.
      const other = await post(contoso, {walkId});
      const missing = await post(contoso, {walkId: crypto.randomUUID()});
      expect([other.status, missing.status]).toEqual([404, 404]);
      expect(await other.json()).toEqual(await missing.json());
      expect(await row(walkId, contoso.userId)).toBeUndefined();
      for (const body of [{}, {walkId: 42}, {walkId: 'x'.repeat(5000)}, '{not json', [walkId]]) {
        const res = await post(senior, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(await res.json()).toMatchObject({error: 'invalid_input'});
      }
      const [{count: beatsAfter}] = await db.sql`select count(*)::int as count from unsynced.presence_beat`;
      expect(beatsAfter).toBe(beatsBefore);
    });

    it('a deactivated member’s beats stop at once, whatever the session check remembers', async () => {
      const walkId = crypto.randomUUID();
      expect(await mutate(l1, 'ticket.intake', {ticketId: crypto.randomUUID(), walkId, problemStatement: 'Dock not charging'})).toEqual({ok: true});
      expect(await mutate(senior, 'presence.heartbeat', {walkId})).toEqual({ok: true});
      expect((await post(senior, {walkId})).status).toBe(204);
      await db.sql`update member set active = false where id = ${senior.userId}`;
      try {
        // The gate here still says "senior" (as a session reused for a moment would): the statement refuses.
        expect((await post(senior, {walkId})).status).toBe(404);
        await db.sql`delete from walk_presence where id = ${`${walkId}:${senior.userId}`}`;
        expect((await post(senior, {walkId})).status).toBe(404);
        expect(await row(walkId, senior.userId)).toBeUndefined();
      } finally {
        await db.sql`update member set active = true where id = ${senior.userId}`;
      }
    });
  });
});
