import {describe, expect, it} from 'vitest';
import {abandonIdleWalks, IDLE_LIMIT_MS} from '../../server/jobs/abandon-idle-walks.ts';
import type {TestDatabase} from '../support/database.ts';
import {databaseSuite} from '../support/suites.ts';
import {demoContext, type Outcome, type serverMutator} from '../support/server-mutate.ts';

/** Parking a walk ("waiting on the customer") and picking it up again; the 24 h rule leaves a parked walk alone. */
describe('parking a walk', () => {
  let db: TestDatabase;
  let mutate: ReturnType<typeof serverMutator>;
  const l1 = demoContext('l1@northwind.test');
  const l1b = demoContext('l1b@northwind.test');
  const contosoOwner = demoContext('owner@contoso.test');
  databaseSuite(world => ({db, mutate} = world));

  const code = (o: Outcome) => (o.ok ? 'ok' : o.code);
  async function startWalk() {
    const ticketId = crypto.randomUUID();
    const walkId = crypto.randomUUID();
    expect(await mutate(l1, 'ticket.intake', {ticketId, walkId, problemStatement: 'Scanner sends nothing to email', flowId: null})).toEqual({ok: true});
    return {ticketId, walkId};
  }
  const walkRow = async (id: string) => (await db.sql`select * from walk where id = ${id}`)[0];
  const parksOf = async (walkId: string) => db.sql`select status, resolved_at, details from handoff where walk_id = ${walkId} and intent = 'park'`;

  it('parks once, picks up again, audited; only the driver, never another tenant', async () => {
    const {walkId} = await startWalk();
    expect(await mutate(l1, 'walk.park', {walkId, handoffId: crypto.randomUUID(), note: 'Customer checks the SMTP password'})).toEqual({ok: true});
    expect(await parksOf(walkId)).toMatchObject([{status: 'open', details: 'Customer checks the SMTP password'}]);
    expect(code(await mutate(l1, 'walk.park', {walkId, handoffId: crypto.randomUUID()}))).toBe('invalid_state');
    expect(code(await mutate(l1b, 'walk.unpark', {walkId}))).toBe('forbidden');
    expect(code(await mutate(contosoOwner, 'walk.unpark', {walkId}))).toBe('not_found');
    expect(code(await mutate(l1, 'walk.unpark', {walkId: crypto.randomUUID()}))).toBe('not_found');
    expect(await parksOf(walkId)).toMatchObject([{status: 'open'}]);

    expect(await mutate(l1, 'walk.unpark', {walkId})).toEqual({ok: true});
    const [picked] = await parksOf(walkId);
    expect(picked.status).toBe('resolved');
    expect(picked.resolved_at).not.toBeNull();
    expect(await mutate(l1, 'walk.unpark', {walkId})).toEqual({ok: true}); // nothing parked: no change
    expect(await walkRow(walkId)).toMatchObject({status: 'active'});
    const audit = await db.sql`select action, subject_type, subject_id from audit_log where subject_id = ${walkId} and action like 'walk.%park' order by at`;
    expect(audit.map(a => a.action)).toEqual(['walk.park', 'walk.unpark', 'walk.unpark']);
    expect(audit.every(a => a.subject_type === 'walk')).toBe(true);
    // Parked again after picking up: allowed.
    expect(await mutate(l1, 'walk.park', {walkId, handoffId: crypto.randomUUID()})).toEqual({ok: true});
  });

  it('does not abandon a walk idle for 24 h while it is parked; once picked up, the 24 h rule applies again', async () => {
    const {walkId: parked} = await startWalk();
    const {walkId: idle} = await startWalk();
    expect(await mutate(l1, 'walk.park', {walkId: parked, handoffId: crypto.randomUUID()})).toEqual({ok: true});
    const now = Date.now();
    const longAgo = now - IDLE_LIMIT_MS - 60_000;
    await db.sql`update walk set last_activity_at = ${longAgo} where id in ${db.sql([parked, idle])}`;

    const abandoned = await abandonIdleWalks(db.sql, now);
    expect(abandoned).toContain(idle);
    expect(abandoned).not.toContain(parked);
    expect(await walkRow(parked)).toMatchObject({status: 'active'});

    // Picked up again: that is activity, so a fresh day starts...
    expect(await mutate(l1, 'walk.unpark', {walkId: parked})).toEqual({ok: true});
    expect(await abandonIdleWalks(db.sql, now)).not.toContain(parked);
    // ...and a day idle after that, it is abandoned like any other.
    await db.sql`update walk set last_activity_at = ${longAgo} where id = ${parked}`;
    expect(await abandonIdleWalks(db.sql, now)).toContain(parked);
    expect(await walkRow(parked)).toMatchObject({status: 'abandoned'});
  });
});
