import {describe, expect, it} from 'vitest';
import {pruneChangeLedger} from '../../server/jobs/prune-change-ledger.ts';
import {demoFlows} from '../../server/seed/demo-flows.ts';
import type {TestDatabase} from '../support/database.ts';
import {demoContext, type serverMutator} from '../support/server-mutate.ts';
import {databaseSuite} from '../support/suites.ts';

/**
 * docs/offline.md's exactly-once: the outbox resends a change under its change id
 * (Zero may still hold and send its own copy); the server applies each id once.
 */
describe('the change ledger', () => {
  let db: TestDatabase;
  let mutate: ReturnType<typeof serverMutator>;
  const l1 = demoContext('l1@northwind.test');
  const l1b = demoContext('l1b@northwind.test');
  const senior = demoContext('senior@northwind.test');
  const outlook = demoFlows.find(f => f.title === "Outlook won't connect")!;
  databaseSuite(world => ({db, mutate} = world));

  async function startWalk() {
    const walkId = crypto.randomUUID();
    expect(await mutate(l1, 'ticket.intake', {ticketId: crypto.randomUUID(), walkId, problemStatement: 'Outlook offline', flowId: outlook.id})).toEqual({ok: true});
    return walkId;
  }
  const steps = async (walkId: string) =>
    (await db.sql<{option_id: string}[]>`select option_id from walk_step where walk_id = ${walkId} order by seq`).map(s => s.option_id);
  const ledger = (changeId: string) => db.sql`select member_id, mutator from tandem_internal.change_ledger where change_id = ${changeId}`;

  it('applies a change id once: the replay is answered as done, and nothing moves twice', async () => {
    const walkId = await startWalk();
    const changeId = crypto.randomUUID();
    const step = {walkId, nodeId: 'start', optionId: 'owa-works', changeId};
    expect(await mutate(l1, 'walk.recordStep', step)).toEqual({ok: true});
    expect(await mutate(l1, 'walk.recordStep', {...step, replayed: true})).toEqual({ok: true});
    expect(await mutate(l1, 'walk.recordStep', step)).toEqual({ok: true});
    expect(await steps(walkId)).toEqual(['owa-works']);
    expect(await ledger(changeId)).toEqual([{member_id: l1.userId, mutator: 'walk.recordStep'}]);
    // Audited once too.
    const audit = await db.sql`select 1 from audit_log where action = 'walk.recordStep' and subject_id = ${walkId}`;
    expect(audit).toHaveLength(1);
  });

  it('a refused change leaves its id free, so its replay is decided again (and refused again)', async () => {
    const walkId = await startWalk();
    const changeId = crypto.randomUUID();
    const wrong = {walkId, nodeId: 'status-bar', optionId: 'status-offline', changeId};
    const first = await mutate(l1, 'walk.recordStep', wrong);
    expect(first.ok ? 'ok' : first.code).toBe('invalid_state');
    expect(await ledger(changeId)).toEqual([]);
    const again = await mutate(l1, 'walk.recordStep', {...wrong, replayed: true});
    expect(again.ok ? 'ok' : again.code).toBe('invalid_state');
    expect(await steps(walkId)).toEqual([]);
  });

  it('a replay the server must refuse now (the walk was taken over) is refused with a reason', async () => {
    const walkId = await startWalk();
    expect(await mutate(senior, 'walk.takeOver', {walkId, expectedDriverId: l1.userId})).toEqual({ok: true});
    const late = await mutate(l1, 'walk.updateNotes', {walkId, notes: 'typed offline', changeId: crypto.randomUUID(), replayed: true});
    expect(late.ok ? 'ok' : late.code).toBe('forbidden');
    expect(late.ok ? '' : late.message).toMatch(/driv/i);
  });

  it('change ids are per person: the same id from someone else is their own change', async () => {
    const changeId = crypto.randomUUID();
    const w1 = await startWalk();
    expect(await mutate(l1, 'walk.updateNotes', {walkId: w1, notes: 'mine', changeId})).toEqual({ok: true});
    const w2 = crypto.randomUUID();
    expect(await mutate(l1b, 'ticket.intake', {ticketId: crypto.randomUUID(), walkId: w2, problemStatement: 'VPN', changeId})).toEqual({ok: true});
    expect((await db.sql`select 1 from walk where id = ${w2}`).length).toBe(1);
  });

  it('a malformed envelope is invalid input, like any other field', async () => {
    const walkId = await startWalk();
    const bad = await mutate(l1, 'walk.updateNotes', {walkId, notes: 'x', changeId: 'not-a-uuid'});
    expect(bad.ok ? 'ok' : bad.code).toBe('invalid_input');
    const bad2 = await mutate(l1, 'walk.updateNotes', {walkId, notes: 'x', replayed: 'yes'});
    expect(bad2.ok ? 'ok' : bad2.code).toBe('invalid_input');
    expect((await db.sql`select notes from walk where id = ${walkId}`)[0].notes).toBe('');
  });

  it('old ledger rows are pruned; recent ones stay', async () => {
    const old = crypto.randomUUID();
    await db.sql`insert into tandem_internal.change_ledger values (${l1.userId}, ${old}, 'walk.updateNotes', ${Date.now() - 40 * 86_400_000})`;
    const recent = crypto.randomUUID();
    await db.sql`insert into tandem_internal.change_ledger values (${l1.userId}, ${recent}, 'walk.updateNotes', ${Date.now()})`;
    expect(await pruneChangeLedger(db.sql)).toBeGreaterThanOrEqual(1);
    expect(await ledger(old)).toEqual([]);
    expect(await ledger(recent)).toHaveLength(1);
  });
});
