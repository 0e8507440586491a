import {describe, expect, it} from 'vitest';
import type {TestDatabase} from '../support/database.ts';
import {databaseSuite} from '../support/suites.ts';
import {demoContext, type Outcome, type serverMutator} from '../support/server-mutate.ts';

/** docs/shared-walks.md on the server: after a take-over the L1 still adds to the lane, and the engineer hands the walk back. */
describe('take-over handshake: the lane stays open to the L1, hand back', () => {
  let db: TestDatabase;
  let mutate: ReturnType<typeof serverMutator>;
  const l1 = demoContext('l1@northwind.test');
  const l1b = demoContext('l1b@northwind.test');
  const senior = demoContext('senior@northwind.test');
  const owner = demoContext('owner@northwind.test');
  const viewer = demoContext('viewer@northwind.test');
  const contoso = demoContext('owner@contoso.test');

  databaseSuite(world => ({db, mutate} = world));

  const code = (o: Outcome) => (o.ok ? 'ok' : o.code);
  const driverOf = async (walkId: string) => (await db.sql`select driver_user_id from walk where id = ${walkId}`)[0].driver_user_id;
  async function takenOverWalk() {
    const walkId = crypto.randomUUID();
    expect(await mutate(l1, 'ticket.intake', {ticketId: crypto.randomUUID(), walkId, problemStatement: 'Docking station flickers'})).toEqual({ok: true});
    expect(await mutate(senior, 'walk.takeOver', {walkId, expectedDriverId: l1.userId})).toEqual({ok: true});
    return walkId;
  }

  it('the L1 who started the walk still adds lane items while watching; changing them stays with driver and engineers', async () => {
    const walkId = await takenOverWalk();
    const fact = crypto.randomUUID();
    expect(await mutate(l1, 'taskLane.add', {itemId: fact, walkId, kind: 'fact', text: 'Flickers only on the left monitor'})).toEqual({ok: true});
    const [row] = await db.sql`select author_user_id, kind from task_lane_item where id = ${fact}`;
    expect(row).toEqual({author_user_id: l1.userId, kind: 'fact'});
    expect(code(await mutate(l1, 'taskLane.setState', {itemId: fact, state: 'dismissed'}))).toBe('forbidden');
    expect(code(await mutate(l1b, 'taskLane.add', {itemId: crypto.randomUUID(), walkId, kind: 'fact', text: 'x'}))).toBe('forbidden');
    expect(code(await mutate(viewer, 'taskLane.add', {itemId: crypto.randomUUID(), walkId, kind: 'fact', text: 'x'}))).toBe('forbidden');
  });

  it('the driver hands the walk back to its L1 (audited); nobody else can, and not to just anyone', async () => {
    const walkId = await takenOverWalk();
    // Only the driver hands back.
    for (const caller of [l1, owner, viewer]) {
      expect(code(await mutate(caller, 'walk.handBack', {walkId, toUserId: l1.userId}))).toBe('forbidden');
    }
    // Not to a viewer, nor to an L1 whose walk it is not; another account's person is missing.
    expect(code(await mutate(senior, 'walk.handBack', {walkId, toUserId: viewer.userId}))).toBe('forbidden');
    expect(code(await mutate(senior, 'walk.handBack', {walkId, toUserId: l1b.userId}))).toBe('forbidden');
    expect(code(await mutate(senior, 'walk.handBack', {walkId, toUserId: contoso.userId}))).toBe('not_found');
    expect(code(await mutate(contoso, 'walk.handBack', {walkId, toUserId: l1.userId}))).toBe('not_found');
    expect(await driverOf(walkId)).toBe(senior.userId);

    expect(await mutate(senior, 'walk.handBack', {walkId, toUserId: l1.userId})).toEqual({ok: true});
    expect(await driverOf(walkId)).toBe(l1.userId);
    const audit = await db.sql`select actor_user_id, details from audit_log where action = 'walk.handBack' and subject_id = ${walkId}`;
    expect(audit).toEqual([{actor_user_id: senior.userId, details: {toUserId: l1.userId}}]);
    // The L1 drives again; the engineer is a watcher.
    expect(await mutate(l1, 'walk.updateNotes', {walkId, notes: 'Back with me'})).toEqual({ok: true});
    expect(code(await mutate(senior, 'walk.updateNotes', {walkId, notes: 'mine?'}))).toBe('forbidden');
  });

  it('to another engineer is allowed; a walk picked up from the queue is released, not handed back; an ended walk is not handed back', async () => {
    const walkId = await takenOverWalk();
    expect(await mutate(senior, 'walk.handBack', {walkId, toUserId: owner.userId})).toEqual({ok: true});
    expect(await driverOf(walkId)).toBe(owner.userId);

    const queued = crypto.randomUUID();
    const handoffId = crypto.randomUUID();
    await mutate(l1, 'ticket.intake', {ticketId: crypto.randomUUID(), walkId: queued, problemStatement: 'VPN drops hourly'});
    expect(await mutate(l1, 'walk.escalate', {walkId: queued, handoffId, reasonCategory: 'Out of L1 scope'})).toEqual({ok: true});
    expect(await mutate(senior, 'handoff.claim', {handoffId})).toEqual({ok: true});
    expect(code(await mutate(senior, 'walk.handBack', {walkId: queued, toUserId: l1.userId}))).toBe('invalid_state');
    expect(await driverOf(queued)).toBe(senior.userId);

    const ended = await takenOverWalk();
    expect(await mutate(senior, 'walk.resolve', {walkId: ended, helpful: true, resolutionNotes: 'Replaced the cable'})).toEqual({ok: true});
    expect(code(await mutate(senior, 'walk.handBack', {walkId: ended, toUserId: l1.userId}))).toBe('invalid_state');
  });
});
