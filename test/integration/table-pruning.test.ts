import {describe, expect, it, vi} from 'vitest';
import {pruneEndedSessions} from '../../server/jobs/prune-ended-sessions.ts';
import {pruneDeliveredNotifications} from '../../server/jobs/prune-delivered-notifications.ts';
import {pruneResetMails} from '../../server/jobs/prune-reset-mails.ts';
import {pruneSignInAttempts} from '../../server/jobs/prune-sign-in-attempts.ts';
import {schedulePruning} from '../../server/jobs/pruning.ts';
import {configFromEnv} from '../../server/config.ts';
import type {TestDatabase} from '../support/database.ts';
import {databaseSuite} from '../support/suites.ts';
import {demoContext, type serverMutator} from '../support/server-mutate.ts';

const DAY = 86_400_000;

/** The tables that would grow without end are pruned (docs/write-path.md §5); what is still needed stays. */
describe('table pruning', () => {
  let db: TestDatabase;
  let mutate: ReturnType<typeof serverMutator>;
  const l1 = demoContext('l1@northwind.test');
  databaseSuite(world => ({db, mutate} = world));

  it('sign-in attempts older than the limit window go; recent ones stay', async () => {
    await db.sql`insert into auth.sign_in_attempt (email, ip, at) values ('old@example.test', '10.0.0.1', now() - interval '20 minutes'), ('new@example.test', '10.0.0.1', now())`;
    expect(await pruneSignInAttempts(db.sql, 15)).toBeGreaterThanOrEqual(1);
    const left = await db.sql<{email: string}[]>`select email from auth.sign_in_attempt where email in ('old@example.test', 'new@example.test')`;
    expect(left.map(r => r.email)).toEqual(['new@example.test']);
  });

  it('finished notification deliveries older than a month go; recent and still queued ones stay', async () => {
    const handoffId = crypto.randomUUID();
    const walkId = crypto.randomUUID();
    expect(await mutate(l1, 'ticket.intake', {ticketId: crypto.randomUUID(), walkId, problemStatement: 'Printer offline'})).toEqual({ok: true});
    expect(await mutate(l1, 'walk.escalate', {walkId, handoffId, reasonCategory: 'Out of L1 scope'})).toEqual({ok: true});
    const rows = await db.sql<{id: string}[]>`select id from notification_delivery where handoff_id = ${handoffId} order by id`;
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const [oldSent, oldQueued, recentSent] = rows.map(r => r.id);
    const old = Date.now() - 40 * DAY;
    await db.sql`update notification_delivery set status = 'sent', created_at = ${old} where id = ${oldSent}`;
    await db.sql`update notification_delivery set created_at = ${old} where id = ${oldQueued}`;
    await db.sql`update notification_delivery set status = 'sent' where id = ${recentSent}`;
    expect(await pruneDeliveredNotifications(db.sql)).toBeGreaterThanOrEqual(1);
    const left = (await db.sql<{id: string}[]>`select id from notification_delivery where handoff_id = ${handoffId}`).map(r => r.id);
    expect(left).not.toContain(oldSent);
    expect(left).toContain(oldQueued);
    expect(left).toContain(recentSent);
  });

  it('reset mails whose link expired more than a week ago go; recent ones stay', async () => {
    const now = Date.now();
    const mail = (id: string, at: number) =>
      db.sql`insert into tandem_internal.password_reset_mail (id, member_id, status, created_at, expires_at, next_attempt_at)
        values (${id}, ${l1.userId}, 'sent', ${at}, ${at + 3_600_000}, ${at})`;
    const oldId = crypto.randomUUID();
    const recentId = crypto.randomUUID();
    await mail(oldId, now - 10 * DAY);
    await mail(recentId, now - 2 * DAY);
    expect(await pruneResetMails(db.sql)).toBeGreaterThanOrEqual(1);
    const left = (await db.sql<{id: string}[]>`select id from tandem_internal.password_reset_mail where id in (${oldId}, ${recentId})`).map(r => r.id);
    expect(left).toEqual([recentId]);
  });

  it('sessions past their expiry or their account policy go; live ones stay', async () => {
    const session = (id: string, expires: string, created: string, updated: string) =>
      db.sql.unsafe(
        `insert into auth.session (id, "expiresAt", token, "createdAt", "updatedAt", "userId")
         values ($1, now() + $2::interval, $1, now() + $3::interval, now() + $4::interval, $5)`,
        [id, expires, created, updated, l1.userId],
      );
    const expired = crypto.randomUUID();
    const idle = crypto.randomUUID();
    const live = crypto.randomUUID();
    await session(expired, '-1 hour', '-2 days', '-2 days');
    await session(idle, '5 days', '-9 days', '-8 days'); // the default policy: 7 days idle
    await session(live, '5 days', '-1 day', '-1 minute');
    expect(await pruneEndedSessions(db.sql)).toBeGreaterThanOrEqual(2);
    const left = (await db.sql<{id: string}[]>`select id from auth.session where id in (${expired}, ${idle}, ${live})`).map(r => r.id);
    expect(left).toEqual([live]);
  });

  it('the API’s schedule runs every job at once on start, then each on its own interval', async () => {
    vi.useFakeTimers({toFake: ['setInterval', 'clearInterval']});
    try {
      const at = (email: string, ago: string) =>
        db.sql.unsafe(`insert into auth.sign_in_attempt (email, ip, at) values ($1, '10.0.0.2', now() - $2::interval)`, [email, ago]);
      const left = async () => (await db.sql<{email: string}[]>`select email from auth.sign_in_attempt where ip = '10.0.0.2' order by email`).map(r => r.email);
      await at('start@example.test', '20 minutes');
      const failures: string[] = [];
      const stop = schedulePruning(db.sql, configFromEnv(), line => failures.push(line));
      await expect.poll(left).toEqual([]);
      // One window later (15 min by default) the next run takes what aged meanwhile.
      await at('later@example.test', '20 minutes');
      expect(await left()).toEqual(['later@example.test']);
      await vi.advanceTimersByTimeAsync(15 * 60_000);
      await expect.poll(left).toEqual([]);
      stop();
      expect(failures).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
