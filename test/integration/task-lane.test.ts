import {describe, expect, it} from 'vitest';
import {sweepPresence} from '../../server/presence/presence-beats.ts';
import type {TestDatabase} from '../support/database.ts';
import {databaseSuite} from '../support/suites.ts';
import {demoContext, type Outcome, type serverMutator} from '../support/server-mutate.ts';

/** docs/shared-walks.md on the server: task lane, suggested fixes, take-over, presence. */
describe('task lane, fixes, take-over and presence', () => {
  let db: TestDatabase;
  let mutate: ReturnType<typeof serverMutator>;
  const l1 = demoContext('l1@northwind.test');
  const l1b = demoContext('l1b@northwind.test');
  const senior = demoContext('senior@northwind.test');
  const owner = demoContext('owner@northwind.test');
  const viewer = demoContext('viewer@northwind.test');
  const contoso = demoContext('engineer@contoso.test');

  databaseSuite(world => ({db, mutate} = world));

  const code = (o: Outcome) => (o.ok ? 'ok' : o.code);
  async function walk() {
    const walkId = crypto.randomUUID();
    expect(await mutate(l1, 'ticket.intake', {ticketId: crypto.randomUUID(), walkId, problemStatement: 'Laptop will not dock'})).toEqual({ok: true});
    return walkId;
  }
  const item = async (id: string) => (await db.sql`select * from task_lane_item where id = ${id}`)[0];
  const version = async (walkId: string) => (await db.sql`select state_version from walk where id = ${walkId}`)[0].state_version;

  it('driver and watching engineer both add items with stable ids; others are refused', async () => {
    const walkId = await walk();
    const q = crypto.randomUUID();
    const whisper = crypto.randomUUID();
    expect(await mutate(l1, 'taskLane.add', {itemId: q, walkId, kind: 'question', text: 'Which dock model?'})).toEqual({ok: true});
    expect(await mutate(senior, 'taskLane.add', {itemId: whisper, walkId, kind: 'check', text: 'Check dock firmware'})).toEqual({ok: true});
    expect(await item(whisper)).toMatchObject({author_user_id: senior.userId, state: 'open', kind: 'check'});
    expect((await item(whisper)).position).toBeGreaterThan((await item(q)).position);
    expect(code(await mutate(l1b, 'taskLane.add', {itemId: crypto.randomUUID(), walkId, kind: 'fact', text: 'x'}))).toBe('forbidden');
    expect(code(await mutate(viewer, 'taskLane.add', {itemId: crypto.randomUUID(), walkId, kind: 'fact', text: 'x'}))).toBe('forbidden');
    expect(code(await mutate(contoso, 'taskLane.add', {itemId: crypto.randomUUID(), walkId, kind: 'fact', text: 'x'}))).toBe('not_found');
    expect(code(await mutate(l1, 'taskLane.add', {itemId: crypto.randomUUID(), walkId, kind: 'rumour', text: 'x'}))).toBe('invalid_input');
    expect(code(await mutate(l1b, 'taskLane.setState', {itemId: whisper, state: 'done'}))).toBe('forbidden');
    expect(await mutate(l1, 'taskLane.setState', {itemId: whisper, state: 'done'})).toEqual({ok: true});
    expect(await mutate(l1, 'taskLane.add', {itemId: q, walkId, kind: 'question', text: 'replay'})).toEqual({ok: true});
    expect((await item(q)).text).toBe('Which dock model?');
    expect(await version(walkId)).toBe(3);
  });

  it('an answered question is done and can become a fact that keeps its provenance and is edited through the question', async () => {
    const walkId = await walk();
    const q = crypto.randomUUID();
    const fact = crypto.randomUUID();
    await mutate(l1, 'taskLane.add', {itemId: q, walkId, kind: 'question', text: 'Does the dock power LED light?'});
    expect(await mutate(l1, 'taskLane.answer', {itemId: q, answer: 'Yes, solid white', factId: fact})).toEqual({ok: true});
    expect(await item(q)).toMatchObject({state: 'done', answer: 'Yes, solid white'});
    expect(await item(fact)).toMatchObject({kind: 'fact', text: 'Yes, solid white', source: 'question', source_item_id: q});
    expect(code(await mutate(l1, 'taskLane.edit', {itemId: fact, text: 'changed'}))).toBe('invalid_state');
    expect(await mutate(l1, 'taskLane.answer', {itemId: q, answer: 'Blinking amber'})).toEqual({ok: true});
    expect((await item(fact)).text).toBe('Blinking amber');
    expect(await mutate(l1, 'taskLane.remove', {itemId: q})).toEqual({ok: true});
    expect((await item(q)).deleted_at).not.toBeNull();
    expect(code(await mutate(l1, 'taskLane.setState', {itemId: q, state: 'open'}))).toBe('not_found');
  });

  it('one active suggested fix: a new one supersedes the old, which refuses writes; outcomes follow the rules', async () => {
    const walkId = await walk();
    const first = crypto.randomUUID();
    const second = crypto.randomUUID();
    await mutate(senior, 'taskLane.add', {itemId: first, walkId, kind: 'suggested_fix', text: 'Update dock firmware'});
    expect(await item(first)).toMatchObject({outcome: 'proposed', applied_at: null});
    await mutate(senior, 'taskLane.add', {itemId: second, walkId, kind: 'suggested_fix', text: 'Replace the USB-C cable'});
    expect((await item(first)).superseded_by).toBe(second);
    expect(code(await mutate(l1, 'taskLane.markFixApplied', {itemId: first}))).toBe('invalid_state');
    expect(code(await mutate(l1, 'taskLane.recordFixOutcome', {itemId: first, outcome: 'dismissed'}))).toBe('invalid_state');

    expect(code(await mutate(l1, 'taskLane.recordFixOutcome', {itemId: second, outcome: 'applied_pending'}))).toBe('invalid_input');
    expect(code(await mutate(l1, 'taskLane.recordFixOutcome', {itemId: second, outcome: 'applied_partial'}))).toBe('invalid_input');
    expect(await mutate(l1, 'taskLane.markFixApplied', {itemId: second})).toEqual({ok: true});
    const applied = (await item(second)).applied_at;
    expect(applied).toBeGreaterThan(0);
    expect(await mutate(l1, 'taskLane.recordFixOutcome', {itemId: second, outcome: 'applied_pending', pendingReason: 'User rebooting'})).toEqual({ok: true});
    expect(await mutate(l1, 'taskLane.recordFixOutcome', {itemId: second, outcome: 'applied_partial', note: 'One monitor back'})).toEqual({ok: true});
    expect(await mutate(l1, 'taskLane.recordFixOutcome', {itemId: second, outcome: 'applied_failed', failureReason: 'x'.repeat(500)})).toEqual({ok: true});
    expect(code(await mutate(l1, 'taskLane.recordFixOutcome', {itemId: second, outcome: 'applied_success'}))).toBe('invalid_state');
    expect((await item(second)).applied_at).toBe(applied);

    const third = crypto.randomUUID();
    await mutate(senior, 'taskLane.add', {itemId: third, walkId, kind: 'suggested_fix', text: 'Reset the dock'});
    expect(code(await mutate(l1, 'taskLane.recordFixOutcome', {itemId: third, outcome: 'applied_failed', failureReason: 'x'.repeat(501)}))).toBe('invalid_input');
  });

  it('resolving while a fix is verifying records it as applied_success', async () => {
    const walkId = await walk();
    const fixId = crypto.randomUUID();
    await mutate(senior, 'taskLane.add', {itemId: fixId, walkId, kind: 'suggested_fix', text: 'Reseat the dock'});
    await mutate(l1, 'taskLane.markFixApplied', {itemId: fixId});
    expect(await mutate(l1, 'walk.resolve', {walkId, helpful: true, resolutionNotes: 'Reseated'})).toEqual({ok: true});
    expect((await item(fixId)).outcome).toBe('applied_success');
    expect(code(await mutate(senior, 'taskLane.add', {itemId: crypto.randomUUID(), walkId, kind: 'fact', text: 'late'}))).toBe('invalid_state');
  });

  it('take-over: the driver changes, audited; of two engineers at once exactly one drives', async () => {
    const walkId = await walk();
    const results = await Promise.all([
      mutate(senior, 'walk.takeOver', {walkId, expectedDriverId: l1.userId}),
      mutate(owner, 'walk.takeOver', {walkId, expectedDriverId: l1.userId}),
    ]);
    expect(results.filter(r => r.ok)).toHaveLength(1);
    expect(results.filter(r => !r.ok).map(code)).toEqual(['invalid_state']);
    const winner = results[0].ok ? senior : owner;
    const [w] = await db.sql`select driver_user_id from walk where id = ${walkId}`;
    expect(w.driver_user_id).toBe(winner.userId);
    const audit = await db.sql`select actor_user_id from audit_log where action = 'walk.takeOver' and subject_id = ${walkId}`;
    expect(audit).toEqual([{actor_user_id: winner.userId}]);
    // The former driver now watches: they can no longer record steps.
    expect(code(await mutate(l1, 'walk.updateNotes', {walkId, notes: 'mine?'}))).toBe('forbidden');
    expect(code(await mutate(l1, 'walk.takeOver', {walkId, expectedDriverId: winner.userId}))).toBe('forbidden');
  });

  it('presence: one row per viewer, driving vs watching, no audit, no state_version bump, swept when stale', async () => {
    const walkId = await walk();
    const before = await version(walkId);
    for (let i = 0; i < 3; i++) {
      expect(await mutate(l1, 'presence.heartbeat', {walkId})).toEqual({ok: true});
      expect(await mutate(senior, 'presence.heartbeat', {walkId})).toEqual({ok: true});
    }
    const rows = await db.sql`select user_id, mode from walk_presence where walk_id = ${walkId} order by mode`;
    expect(rows).toEqual([
      {user_id: l1.userId, mode: 'driving'},
      {user_id: senior.userId, mode: 'watching'},
    ]);
    expect(await version(walkId)).toBe(before);
    expect(await db.sql`select 1 from audit_log where action like 'presence.%'`).toHaveLength(0);
    expect(code(await mutate(contoso, 'presence.heartbeat', {walkId}))).toBe('not_found');

    expect(await mutate(senior, 'presence.leave', {walkId})).toEqual({ok: true});
    expect(await db.sql`select user_id from walk_presence where walk_id = ${walkId}`).toEqual([{user_id: l1.userId}]);
    expect(await sweepPresence(db.sql, Date.now() + 8_000)).toBeGreaterThanOrEqual(1);
    expect(await db.sql`select 1 from walk_presence where walk_id = ${walkId}`).toHaveLength(0);
  });
});
