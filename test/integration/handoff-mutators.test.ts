import {describe, expect, it} from 'vitest';
import {handoffMetrics, stats} from '../../server/metrics/handoff-metrics.ts';
import {createDispatcher} from '../../server/notify/dispatcher.ts';
import type {EmailMessage} from '../../server/notify/email-transport.ts';
import type {TestDatabase} from '../support/database.ts';
import {databaseSuite} from '../support/suites.ts';
import {demoContext, type Outcome, type serverMutator} from '../support/server-mutate.ts';

/** docs/handoff.md on the server: claims, release, resolve, notifications, metrics. */
describe('handoffs on the server', () => {
  let db: TestDatabase;
  let mutate: ReturnType<typeof serverMutator>;
  const l1 = demoContext('l1@northwind.test');
  const senior = demoContext('senior@northwind.test');
  const cover = demoContext('cover@northwind.test');
  const owner = demoContext('owner@northwind.test');
  const viewer = demoContext('viewer@northwind.test');
  const contosoEngineer = demoContext('engineer@contoso.test');

  databaseSuite(world => ({db, mutate} = world));

  const code = (o: Outcome) => (o.ok ? 'ok' : o.code);
  async function escalated(by = l1) {
    const ids = {ticketId: crypto.randomUUID(), walkId: crypto.randomUUID(), handoffId: crypto.randomUUID()};
    expect(await mutate(by, 'ticket.intake', {ticketId: ids.ticketId, walkId: ids.walkId, problemStatement: 'Shared drive missing'})).toEqual({ok: true});
    expect(await mutate(by, 'walk.escalate', {walkId: ids.walkId, handoffId: ids.handoffId, reasonCategory: 'Out of L1 scope'})).toEqual({ok: true});
    return ids;
  }
  const handoffRow = async (id: string) => (await db.sql`select * from handoff where id = ${id}`)[0];

  it('only engineers and owners claim, never their own escalation; other accounts see nothing', async () => {
    const {handoffId} = await escalated();
    expect(code(await mutate(l1, 'handoff.claim', {handoffId}))).toBe('forbidden');
    expect(code(await mutate(viewer, 'handoff.claim', {handoffId}))).toBe('forbidden');
    expect(code(await mutate(contosoEngineer, 'handoff.claim', {handoffId}))).toBe('not_found');
    const own = await escalated(cover); // a covering engineer escalating as L1
    expect(code(await mutate(cover, 'handoff.claim', {handoffId: own.handoffId}))).toBe('forbidden');
    expect((await handoffRow(handoffId)).status).toBe('open');
  });

  it('one claim wins; the loser learns who holds it; the holder’s repeat is a no-op', async () => {
    const {handoffId, walkId, ticketId} = await escalated();
    expect(await mutate(senior, 'handoff.claim', {handoffId})).toEqual({ok: true});
    const lost = await mutate(owner, 'handoff.claim', {handoffId});
    expect(lost).toMatchObject({ok: false, code: 'already_claimed', details: {claimed_by: senior.userId, claimed_by_name: 'Sam Senior'}});
    expect(!lost.ok && lost.message).toBe('Already claimed by Sam Senior.');
    const h = await handoffRow(handoffId);
    expect(h).toMatchObject({status: 'claimed', claimed_by: senior.userId});
    expect(!lost.ok && lost.details.claimed_at).toBe(h.claimed_at);
    expect(await mutate(senior, 'handoff.claim', {handoffId})).toEqual({ok: true});
    expect((await handoffRow(handoffId)).claimed_at).toBe(h.claimed_at);

    // The winner drives the walk, which is active again, and owns the ticket.
    const [walk] = await db.sql`select status, driver_user_id from walk where id = ${walkId}`;
    expect(walk).toEqual({status: 'active', driver_user_id: senior.userId});
    const [ticket] = await db.sql`select status, assigned_user_id from ticket where id = ${ticketId}`;
    expect(ticket).toEqual({status: 'walking', assigned_user_id: senior.userId});
    // …and can work on it; the first action is stamped for the metrics.
    expect(await mutate(senior, 'walk.updateNotes', {walkId, notes: 'Mapped drive via GPO'})).toEqual({ok: true});
    expect((await handoffRow(handoffId)).first_action_at).toBeGreaterThanOrEqual(h.claimed_at);
  });

  it('release puts it back in the queue for someone else; only the holder releases or resolves', async () => {
    const {handoffId, walkId, ticketId} = await escalated();
    expect(await mutate(senior, 'handoff.claim', {handoffId})).toEqual({ok: true});
    expect(code(await mutate(owner, 'handoff.release', {handoffId}))).toBe('forbidden');
    expect(code(await mutate(owner, 'handoff.resolve', {handoffId, resolutionNotes: 'x'}))).toBe('forbidden');
    expect(await mutate(senior, 'handoff.release', {handoffId})).toEqual({ok: true});
    expect(await handoffRow(handoffId)).toMatchObject({status: 'open', claimed_by: null});
    expect((await db.sql`select status from walk where id = ${walkId}`)[0].status).toBe('escalated');
    expect(code(await mutate(senior, 'handoff.release', {handoffId}))).toBe('invalid_state');

    expect(await mutate(owner, 'handoff.claim', {handoffId})).toEqual({ok: true});
    expect(await mutate(owner, 'handoff.resolve', {handoffId, resolutionNotes: 'Re-mapped the drive.'})).toEqual({ok: true});
    expect(await handoffRow(handoffId)).toMatchObject({status: 'resolved'});
    expect((await db.sql`select status, resolution_notes from ticket where id = ${ticketId}`)[0]).toEqual({
      status: 'resolved',
      resolution_notes: 'Re-mapped the drive.',
    });
    expect(code(await mutate(senior, 'handoff.claim', {handoffId}))).toBe('invalid_state');
  });

  it('walk.resolve on a claimed walk resolves its handoff; a moved-on walk cannot be released or claimed back; audited', async () => {
    const {handoffId, walkId, ticketId} = await escalated();
    expect(await mutate(senior, 'handoff.claim', {handoffId})).toEqual({ok: true});
    expect(await mutate(senior, 'walk.resolve', {walkId, helpful: true, resolutionNotes: 'Re-mapped the drive.'})).toEqual({ok: true});
    const h = await handoffRow(handoffId);
    expect(h).toMatchObject({status: 'resolved', claimed_by: senior.userId});
    expect(h.resolved_at).toBeGreaterThanOrEqual(h.claimed_at);
    // The resolve is the claimer's first action.
    expect(h.first_action_at).toBeGreaterThanOrEqual(h.claimed_at);
    // Nothing brings the case back: not a release, not a claim, not a handoff resolve.
    expect(code(await mutate(senior, 'handoff.release', {handoffId}))).toBe('invalid_state');
    expect(code(await mutate(owner, 'handoff.claim', {handoffId}))).toBe('invalid_state');
    expect(code(await mutate(senior, 'handoff.resolve', {handoffId, resolutionNotes: 'again'}))).toBe('invalid_state');
    expect((await db.sql`select status, resolution_notes from walk where id = ${walkId}`)[0]).toEqual({
      status: 'resolved',
      resolution_notes: 'Re-mapped the drive.',
    });
    expect((await db.sql`select status from ticket where id = ${ticketId}`)[0].status).toBe('resolved');
    expect(await handoffRow(handoffId)).toMatchObject({status: 'resolved'});
    const audit = await db.sql`select action from audit_log where subject_id in (${handoffId}, ${walkId}) order by at`;
    expect(audit.map(a => a.action)).toEqual(['walk.escalate', 'handoff.claim', 'walk.resolve']);
  });

  it('no path brings a resolved case back: every walk, lane and handoff change is refused and nothing moves', async () => {
    const {handoffId, walkId, ticketId} = await escalated();
    expect(await mutate(senior, 'handoff.claim', {handoffId})).toEqual({ok: true});
    expect(await mutate(senior, 'handoff.resolve', {handoffId, resolutionNotes: 'Closed'})).toEqual({ok: true});
    const attempts: [typeof senior, string, unknown][] = [
      [senior, 'handoff.release', {handoffId}],
      [owner, 'handoff.claim', {handoffId}],
      [senior, 'handoff.resolve', {handoffId, resolutionNotes: 'again'}],
      [senior, 'walk.resolve', {walkId, helpful: true, resolutionNotes: 'again'}],
      [senior, 'walk.escalate', {walkId, handoffId: crypto.randomUUID(), reasonCategory: 'Other'}],
      [senior, 'walk.park', {walkId, handoffId: crypto.randomUUID()}],
      [owner, 'walk.takeOver', {walkId, expectedDriverId: senior.userId}],
      [senior, 'walk.updateNotes', {walkId, notes: 'late note'}],
      [senior, 'walk.stepBack', {walkId}],
      [senior, 'taskLane.add', {itemId: crypto.randomUUID(), walkId, kind: 'fact', text: 'late fact'}],
    ];
    for (const [ctx, name, args] of attempts) expect(`${name}: ${code(await mutate(ctx, name, args))}`).toBe(`${name}: invalid_state`);
    expect((await db.sql`select status, resolution_notes from walk where id = ${walkId}`)[0]).toEqual({status: 'resolved', resolution_notes: 'Closed'});
    expect((await db.sql`select status, resolution_notes from ticket where id = ${ticketId}`)[0]).toEqual({status: 'resolved', resolution_notes: 'Closed'});
    expect(await db.sql`select status from handoff where walk_id = ${walkId}`).toEqual([{status: 'resolved'}]);
  });

  it('a claimed handoff whose walk was abandoned cannot be released, and an open one cannot be claimed', async () => {
    const {handoffId, walkId, ticketId} = await escalated();
    expect(await mutate(senior, 'handoff.claim', {handoffId})).toEqual({ok: true});
    await db.sql`update walk set status = 'abandoned', ended_at = ${Date.now()} where id = ${walkId}`;
    const release = await mutate(senior, 'handoff.release', {handoffId});
    expect(release).toMatchObject({ok: false, code: 'invalid_state', details: {status: 'abandoned'}});
    expect((await db.sql`select status from walk where id = ${walkId}`)[0].status).toBe('abandoned');
    expect((await db.sql`select status from ticket where id = ${ticketId}`)[0].status).toBe('walking');

    const other = await escalated();
    await db.sql`update walk set status = 'resolved' where id = ${other.walkId}`;
    expect(code(await mutate(senior, 'handoff.claim', {handoffId: other.handoffId}))).toBe('invalid_state');
    expect(await handoffRow(other.handoffId)).toMatchObject({status: 'open', claimed_by: null});
  });

  it('a picked-up walk goes back by release, not a second escalation; release waits while someone else drives', async () => {
    const {handoffId, walkId} = await escalated();
    expect(await mutate(senior, 'handoff.claim', {handoffId})).toEqual({ok: true});
    const again = crypto.randomUUID();
    expect(code(await mutate(senior, 'walk.escalate', {walkId, handoffId: again, reasonCategory: 'Other'}))).toBe('invalid_state');
    expect(await db.sql`select 1 from handoff where id = ${again}`).toHaveLength(0);

    expect(await mutate(owner, 'walk.takeOver', {walkId, expectedDriverId: senior.userId})).toEqual({ok: true});
    const refused = await mutate(senior, 'handoff.release', {handoffId});
    expect(refused).toMatchObject({ok: false, code: 'invalid_state', details: {driver_user_id: owner.userId}});
    expect((await db.sql`select status, driver_user_id from walk where id = ${walkId}`)[0]).toEqual({status: 'active', driver_user_id: owner.userId});
    expect(await mutate(senior, 'walk.takeOver', {walkId, expectedDriverId: owner.userId})).toEqual({ok: true});
    expect(await mutate(senior, 'handoff.release', {handoffId})).toEqual({ok: true});
    expect((await db.sql`select status from walk where id = ${walkId}`)[0].status).toBe('escalated');
  });

  it('handoff.resolve counts as the first action; resolving a parked walk closes its park', async () => {
    const {handoffId} = await escalated();
    expect(await mutate(senior, 'handoff.claim', {handoffId})).toEqual({ok: true});
    expect(await mutate(senior, 'handoff.resolve', {handoffId, resolutionNotes: 'Done'})).toEqual({ok: true});
    const h = await handoffRow(handoffId);
    expect(h.first_action_at).toBe(h.resolved_at);

    const ticketId = crypto.randomUUID();
    const walkId = crypto.randomUUID();
    const parkId = crypto.randomUUID();
    expect(await mutate(l1, 'ticket.intake', {ticketId, walkId, problemStatement: 'Waiting on customer'})).toEqual({ok: true});
    expect(await mutate(l1, 'walk.park', {walkId, handoffId: parkId, note: 'Calls back at 3'})).toEqual({ok: true});
    expect(await mutate(l1, 'walk.resolve', {walkId, helpful: true, resolutionNotes: 'Called back, fixed'})).toEqual({ok: true});
    expect(await handoffRow(parkId)).toMatchObject({status: 'resolved'});
  });

  it('metrics: a handoff counts once (its latest claim), and a resolve is a first action', async () => {
    const before = await handoffMetrics(db.sql, l1.accountId, '30d');
    const {handoffId} = await escalated();
    expect(await mutate(senior, 'handoff.claim', {handoffId})).toEqual({ok: true});
    expect(await mutate(senior, 'handoff.release', {handoffId})).toEqual({ok: true});
    expect(await mutate(owner, 'handoff.claim', {handoffId})).toEqual({ok: true});
    const claimed = await handoffMetrics(db.sql, l1.accountId, '30d');
    expect(claimed.claimed).toBe(before.claimed + 1);
    expect(claimed.with_action).toBe(before.with_action);
    expect(await mutate(owner, 'handoff.resolve', {handoffId, resolutionNotes: 'Fixed on the spot'})).toEqual({ok: true});
    const resolved = await handoffMetrics(db.sql, l1.accountId, '30d');
    expect(resolved).toMatchObject({claimed: before.claimed + 1, with_action: before.with_action + 1});
    const h = await handoffRow(handoffId);
    expect(h).toMatchObject({claimed_by: owner.userId, first_action_at: h.resolved_at});
  });

  it('an escalation queues one delivery per engineer/owner and channel, never for the escalator; a park notifies nobody', async () => {
    const {handoffId} = await escalated();
    const rows = await db.sql`select recipient_user_id, channel, status from notification_delivery where handoff_id = ${handoffId} order by 1, 2`;
    const recipients = [...new Set(rows.map(r => r.recipient_user_id))].sort();
    expect(recipients).toEqual([owner.userId, senior.userId, cover.userId].sort());
    expect(rows.map(r => r.channel).sort()).toEqual(['email', 'email', 'email', 'in_app', 'in_app', 'in_app']);
    expect(rows.every(r => r.status === 'queued')).toBe(true);

    const ticketId = crypto.randomUUID();
    const walkId = crypto.randomUUID();
    const parkId = crypto.randomUUID();
    await mutate(l1, 'ticket.intake', {ticketId, walkId, problemStatement: 'Waiting on customer'});
    expect(await mutate(l1, 'walk.park', {walkId, handoffId: parkId, note: 'Calls back at 3'})).toEqual({ok: true});
    expect(await db.sql`select 1 from notification_delivery where handoff_id = ${parkId}`).toHaveLength(0);
    // A park is private to its owner.
    expect(code(await mutate(senior, 'handoff.claim', {handoffId: parkId}))).toBe('not_found');
  });

  it('the package is edited by the escalator or an engineer, never by other L1 techs or other accounts', async () => {
    const {handoffId} = await escalated();
    const pkg = {problem: 'P', confirmed: ['C'], tried: ['T'], hypothesis: 'H', nextSteps: ['N1', 'N2']};
    expect(code(await mutate(demoContext('l1b@northwind.test'), 'handoff.editPackage', {handoffId, package: pkg}))).toBe('forbidden');
    expect(code(await mutate(contosoEngineer, 'handoff.editPackage', {handoffId, package: pkg}))).toBe('not_found');
    expect(code(await mutate(senior, 'handoff.editPackage', {handoffId, package: {...pkg, nextSteps: []}}))).toBe('invalid_input');
    expect(await mutate(l1, 'handoff.editPackage', {handoffId, package: pkg})).toEqual({ok: true});
    expect(await handoffRow(handoffId)).toMatchObject({package: pkg, package_edited_by: l1.userId});
  });

  it('a refused escalation queues nothing', async () => {
    const {walkId} = await escalated();
    const handoffId = crypto.randomUUID();
    expect(code(await mutate(l1, 'walk.escalate', {walkId, handoffId, reasonCategory: 'Other'}))).toBe('invalid_state');
    expect(await db.sql`select 1 from notification_delivery where handoff_id = ${handoffId}`).toHaveLength(0);
    expect(await db.sql`select 1 from handoff where id = ${handoffId}`).toHaveLength(0);
  });

  it('the dispatcher sends after commit; a failing email channel fails only its rows; deactivated recipients are suppressed', async () => {
    await db.sql`update notification_delivery set status = 'sent' where status = 'queued'`;
    const sent: EmailMessage[] = [];
    const ok = createDispatcher(db.sql, {name: 'memory', send: async m => void sent.push(m)}, () => {});
    const {handoffId} = await escalated();
    await db.sql`update member set active = false where id = ${cover.userId}`;
    await ok.kick();
    await db.sql`update member set active = true where id = ${cover.userId}`;
    const rows = await db.sql`select recipient_user_id, channel, status from notification_delivery where handoff_id = ${handoffId}`;
    expect(rows.filter(r => r.recipient_user_id === cover.userId).every(r => r.status === 'suppressed')).toBe(true);
    expect(rows.filter(r => r.recipient_user_id !== cover.userId).every(r => r.status === 'sent')).toBe(true);
    expect(sent.map(m => m.to).sort()).toEqual(['owner@northwind.test', 'senior@northwind.test']);
    expect(sent[0].subject).toContain('Shared drive missing');
    // The email names the ticket by its number.
    const [{ref}] = await db.sql`select t.ref from handoff h join ticket t on t.id = h.ticket_id where h.id = ${handoffId}`;
    expect(ref).toMatch(/^NW-\d+$/);
    expect(sent[0].subject).toContain(ref);
    expect(sent[0].text).toContain(`ticket ${ref}`);

    const failing = createDispatcher(db.sql, {name: 'down', send: async () => Promise.reject(new Error('SMTP 421 try later'))}, () => {});
    const second = await escalated();
    await failing.kick();
    const after = await db.sql`select channel, status, error from notification_delivery where handoff_id = ${second.handoffId}`;
    expect(after.filter(r => r.channel === 'email').every(r => r.status === 'failed' && r.error === 'SMTP 421 try later')).toBe(true);
    expect(after.filter(r => r.channel === 'in_app').every(r => r.status === 'sent')).toBe(true);
    expect((await handoffRow(second.handoffId)).status).toBe('open');
    // Running again sends nothing twice.
    await ok.kick();
    expect(sent).toHaveLength(2);
  });

  it('metrics: arithmetic, window on claimed_at ending at end of day, negatives as 0, empty windows', () => {
    expect(stats([])).toEqual({average: null, median: null, p90: null, p95: null});
    expect(stats([10, 20, 30, 40])).toEqual({average: 25, median: 25, p90: 40, p95: 40});
    expect(stats([-5, 5, 7])).toEqual({average: 4, median: 5, p90: 7, p95: 7});
    const s = stats(Array.from({length: 100}, (_, i) => i + 1));
    expect(s).toMatchObject({median: 50.5, p90: 90, p95: 95});
  });

  it('metrics over an account’s claimed handoffs', async () => {
    const acct = contosoEngineer.accountId;
    const empty = await handoffMetrics(db.sql, acct, '30d');
    expect(empty).toMatchObject({claimed: 0, with_action: 0, time_to_claim: {average: null, median: null}});

    const now = Date.UTC(2026, 10, 20, 12);
    const minute = 60_000;
    const insert = async (escalatedAt: number, claimedAt: number | null, firstActionAt: number | null) => {
      const ticketId = crypto.randomUUID();
      const walkId = crypto.randomUUID();
      await db.sql`insert into ticket (id, account_id, problem_statement, status, created_by, created_at, updated_at)
        values (${ticketId}, ${acct}, 'm', 'escalated', ${contosoEngineer.userId}, ${escalatedAt}, ${escalatedAt})`;
      await db.sql`insert into walk (id, account_id, ticket_id, session_kind, status, driver_user_id, started_by, started_at, last_activity_at)
        values (${walkId}, ${acct}, ${ticketId}, 'adhoc', 'escalated', ${contosoEngineer.userId}, ${contosoEngineer.userId}, ${escalatedAt}, ${escalatedAt})`;
      await db.sql`insert into handoff (id, account_id, walk_id, ticket_id, intent, status, reason_category, escalated_by, escalated_at, claimed_by, claimed_at, first_action_at)
        values (${crypto.randomUUID()}, ${acct}, ${walkId}, ${ticketId}, 'escalate', ${claimedAt ? 'claimed' : 'open'}, 'Other',
                ${contosoEngineer.userId}, ${escalatedAt}, ${claimedAt ? contosoEngineer.userId : null}, ${claimedAt}, ${firstActionAt})`;
    };
    await insert(now - 10 * minute, now - 8 * minute, now - 7 * minute); // claim 2m, action 1m
    await insert(now - 20 * minute, now - 14 * minute, null); // claim 6m, no action
    await insert(now - 5 * minute, now - 6 * minute, now - 2 * minute); // clock skew: claim -1m → 0, action 4m
    await insert(now - 5 * minute, null, null); // unclaimed: excluded
    await insert(now - 40 * 86_400_000, now - 40 * 86_400_000 + minute, null); // outside 30d
    // Claimed late on the last day of the window still counts (window ends at end of day).
    const lateToday = Date.UTC(2026, 10, 20, 23, 59);
    await insert(lateToday - 3 * minute, lateToday, null);

    const m = await handoffMetrics(db.sql, acct, '30d', now);
    expect(m.claimed).toBe(4);
    expect(m.with_action).toBe(2);
    expect(m.time_to_claim).toEqual({average: ((2 + 6 + 0 + 3) * minute) / 4, median: 2.5 * minute, p90: 6 * minute, p95: 6 * minute});
    expect(m.time_to_first_action).toEqual({average: 2.5 * minute, median: 2.5 * minute, p90: 4 * minute, p95: 4 * minute});
    expect((await handoffMetrics(db.sql, acct, '90d', now)).claimed).toBe(5);
  });
});
