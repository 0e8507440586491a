import {describe, expect, it} from 'vitest';
import {abandonIdleWalks, IDLE_LIMIT_MS} from '../../server/jobs/abandon-idle-walks.ts';
import {demoFlows} from '../../server/seed/demo-flows.ts';
import type {TestDatabase} from '../support/database.ts';
import {databaseSuite} from '../support/suites.ts';
import {demoContext, type Outcome, type serverMutator} from '../support/server-mutate.ts';

/** Every walk transition and refusal of docs/tickets.md, docs/walks.md, through the server's own mutators on real Postgres. */
describe('walk mutators on the server', () => {
  let db: TestDatabase;
  let mutate: ReturnType<typeof serverMutator>;
  const l1 = demoContext('l1@northwind.test');
  const l1b = demoContext('l1b@northwind.test');
  const cover = demoContext('cover@northwind.test');
  const senior = demoContext('senior@northwind.test');
  const viewer = demoContext('viewer@northwind.test');
  const contosoOwner = demoContext('owner@contoso.test');
  const outlook = demoFlows.find(f => f.title === "Outlook won't connect")!;

  databaseSuite(world => ({db, mutate} = world));

  const expectRefused = (o: Outcome, code: string) => {
    expect(o.ok ? 'ok' : o.code).toBe(code);
  };

  async function startWalk(ctx = l1, flowId: string | null = outlook.id) {
    const ticketId = crypto.randomUUID();
    const walkId = crypto.randomUUID();
    const o = await mutate(ctx, 'ticket.intake', {ticketId, walkId, problemStatement: 'Outlook shows Disconnected', flowId});
    expect(o).toEqual({ok: true});
    return {ticketId, walkId};
  }
  const walkRow = async (id: string) => (await db.sql`select * from walk where id = ${id}`)[0];
  const ticketRow = async (id: string) => (await db.sql`select * from ticket where id = ${id}`)[0];
  const stepsOf = async (id: string) => db.sql`select seq, node_id, answer, kind, note from walk_step where walk_id = ${id} order by seq`;

  it('intake creates the ticket and a flow walk at the flow’s start node, audited', async () => {
    const {ticketId, walkId} = await startWalk();
    expect(await ticketRow(ticketId)).toMatchObject({status: 'walking', account_id: l1.accountId});
    expect(await walkRow(walkId)).toMatchObject({session_kind: 'flow', status: 'active', current_node_id: 'start', driver_user_id: l1.userId});
    const audit = await db.sql`select action, acting_as from audit_log where subject_id = ${ticketId}`;
    expect(audit).toEqual([{action: 'ticket.intake', acting_as: 'self'}]);
  });

  it('intake refuses blank problems, two targets, other accounts’ flows and non-L1 roles; a replay is answered once', async () => {
    const ids = () => ({ticketId: crypto.randomUUID(), walkId: crypto.randomUUID()});
    expectRefused(await mutate(l1, 'ticket.intake', {...ids(), problemStatement: '   '}), 'invalid_input');
    expectRefused(await mutate(l1, 'ticket.intake', {...ids(), problemStatement: 'x', flowId: outlook.id, proposalId: crypto.randomUUID()}), 'invalid_input');
    const [contosoFlow] = await db.sql`select id from flow where account_id = ${contosoOwner.accountId} limit 1`;
    expectRefused(await mutate(l1, 'ticket.intake', {...ids(), problemStatement: 'x', flowId: contosoFlow.id}), 'not_found');
    expectRefused(await mutate(l1, 'ticket.intake', {...ids(), problemStatement: 'x', flowId: crypto.randomUUID()}), 'not_found');
    expectRefused(await mutate(viewer, 'ticket.intake', {...ids(), problemStatement: 'x'}), 'forbidden');
    expectRefused(await mutate(senior, 'ticket.intake', {...ids(), problemStatement: 'x'}), 'forbidden');
    expectRefused(await mutate(l1, 'ticket.intake', {ticketId: 'not-a-uuid', walkId: crypto.randomUUID(), problemStatement: 'x'}), 'invalid_input');

    const same = ids();
    expect(await mutate(l1, 'ticket.intake', {...same, problemStatement: 'Replay me'})).toEqual({ok: true});
    expect(await mutate(l1, 'ticket.intake', {...same, problemStatement: 'Replay me'})).toEqual({ok: true});
    expect(await db.sql`select 1 from ticket where id = ${same.ticketId}`).toHaveLength(1);
    // Another account reusing the id is refused without learning whose it is.
    expectRefused(await mutate(contosoOwner, 'ticket.intake', {...same, problemStatement: 'mine'}), 'invalid_input');
  });

  it('a covering engineer takes calls recorded as coverage', async () => {
    const {ticketId, walkId} = await startWalk(cover);
    expect(await walkRow(walkId)).toMatchObject({acting_as: 'l1_coverage'});
    const [audit] = await db.sql`select acting_as from audit_log where subject_id = ${ticketId}`;
    expect(audit.acting_as).toBe('l1_coverage');
  });

  it('records steps along the flow, steps back without rewriting history, and bumps state_version', async () => {
    const {walkId} = await startWalk();
    expect(await mutate(l1, 'walk.recordStep', {walkId, nodeId: 'start', optionId: 'owa-works', note: 'OWA fine'})).toEqual({ok: true});
    let walk = await walkRow(walkId);
    expect(walk).toMatchObject({current_node_id: 'status-bar', step_count: 1, state_version: 1});

    // An option that does not belong to the current node, or a stale node, is refused.
    expectRefused(await mutate(l1, 'walk.recordStep', {walkId, nodeId: 'status-bar', optionId: 'owa-works'}), 'invalid_input');
    expectRefused(await mutate(l1, 'walk.recordStep', {walkId, nodeId: 'start', optionId: 'owa-works'}), 'invalid_state');
    expectRefused(await mutate(l1, 'walk.recordStep', {walkId, nodeId: 'no-such-node', optionId: 'x'}), 'invalid_state');

    expect(await mutate(l1, 'walk.stepBack', {walkId})).toEqual({ok: true});
    expect((await walkRow(walkId)).current_node_id).toBe('start');
    expectRefused(await mutate(l1, 'walk.stepBack', {walkId}), 'invalid_state');
    expect(await mutate(l1, 'walk.recordStep', {walkId, nodeId: 'start', optionId: 'owa-works'})).toEqual({ok: true});
    expect(await mutate(l1, 'walk.recordStep', {walkId, nodeId: 'status-bar', optionId: 'status-offline'})).toEqual({ok: true});

    expect(await stepsOf(walkId)).toEqual([
      {seq: 1, node_id: 'start', answer: 'Yes, mail loads in the browser', kind: 'answer', note: 'OWA fine'},
      {seq: 2, node_id: 'status-bar', answer: 'Stepped back', kind: 'back', note: null},
      {seq: 3, node_id: 'start', answer: 'Yes, mail loads in the browser', kind: 'answer', note: null},
      {seq: 4, node_id: 'status-bar', answer: 'Working Offline', kind: 'answer', note: null},
    ]);
    walk = await walkRow(walkId);
    expect(walk).toMatchObject({current_node_id: 'work-offline', step_count: 4, state_version: 4});
  });

  it('only the driver changes a walk; other accounts get not_found', async () => {
    const {walkId} = await startWalk();
    expectRefused(await mutate(l1b, 'walk.recordStep', {walkId, nodeId: 'start', optionId: 'owa-works'}), 'forbidden');
    expectRefused(await mutate(senior, 'walk.updateNotes', {walkId, notes: 'hi'}), 'forbidden');
    expectRefused(await mutate(contosoOwner, 'walk.recordStep', {walkId, nodeId: 'start', optionId: 'owa-works'}), 'not_found');
    expectRefused(await mutate(contosoOwner, 'walk.resolve', {walkId, helpful: true, resolutionNotes: ''}), 'not_found');
    expectRefused(await mutate(l1, 'walk.recordStep', {walkId: crypto.randomUUID(), nodeId: 'start', optionId: 'owa-works'}), 'not_found');
    expect((await walkRow(walkId)).step_count).toBe(0);
  });

  it('every walk mutator answers another account’s walk id exactly like a missing one, with no write', async () => {
    const {walkId} = await startWalk();
    const before = await walkRow(walkId);
    const calls: [string, Record<string, unknown>][] = [
      ['walk.recordStep', {nodeId: 'start', optionId: 'owa-works'}],
      ['walk.stepBack', {}],
      ['walk.updateNotes', {notes: 'foreign'}],
      ['walk.resolve', {helpful: true, resolutionNotes: 'x'}],
      ['walk.escalate', {handoffId: crypto.randomUUID(), reasonCategory: 'Other'}],
    ];
    for (const [name, extra] of calls) {
      const foreign = await mutate(contosoOwner, name, {walkId, ...extra});
      const missing = await mutate(contosoOwner, name, {walkId: crypto.randomUUID(), ...extra});
      expect(foreign, name).toMatchObject({ok: false, code: 'not_found'});
      expect(!foreign.ok && foreign.message).toBe(!missing.ok && missing.message);
    }
    expect(await walkRow(walkId)).toEqual(before);
    expect(await db.sql`select 1 from handoff where walk_id = ${walkId}`).toHaveLength(0);
  });

  it('ad-hoc walks keep notes (capped at 256 KB) and refuse steps', async () => {
    const {walkId} = await startWalk(l1, null);
    expect(await walkRow(walkId)).toMatchObject({session_kind: 'adhoc', current_node_id: null});
    expectRefused(await mutate(l1, 'walk.recordStep', {walkId, nodeId: 'start', optionId: 'x'}), 'invalid_state');
    expect(await mutate(l1, 'walk.updateNotes', {walkId, notes: 'Customer on VPN; rebooted once.'})).toEqual({ok: true});
    expect((await walkRow(walkId)).notes).toBe('Customer on VPN; rebooted once.');
    const huge = 'x'.repeat(256 * 1024 + 1);
    const refused = await mutate(l1, 'walk.updateNotes', {walkId, notes: huge});
    expectRefused(refused, 'invalid_input');
    expect(!refused.ok && refused.message).toMatch(/256 KB/);
    expect((await walkRow(walkId)).notes).toBe('Customer on VPN; rebooted once.');
  });

  it('resolve ends walk and ticket; a resolved walk refuses every further change', async () => {
    const {ticketId, walkId} = await startWalk();
    await mutate(l1, 'walk.recordStep', {walkId, nodeId: 'start', optionId: 'owa-works'});
    expect(await mutate(l1, 'walk.resolve', {walkId, helpful: true, resolutionNotes: 'Turned off Work Offline.'})).toEqual({ok: true});
    expect(await walkRow(walkId)).toMatchObject({status: 'resolved', helpful: true, resolution_notes: 'Turned off Work Offline.'});
    expect(await ticketRow(ticketId)).toMatchObject({status: 'resolved', resolution_notes: 'Turned off Work Offline.'});

    expectRefused(await mutate(l1, 'walk.recordStep', {walkId, nodeId: 'status-bar', optionId: 'status-offline'}), 'invalid_state');
    expectRefused(await mutate(l1, 'walk.updateNotes', {walkId, notes: 'late'}), 'invalid_state');
    expectRefused(await mutate(l1, 'walk.resolve', {walkId, helpful: false, resolutionNotes: ''}), 'invalid_state');
    expectRefused(await mutate(l1, 'walk.escalate', {walkId, handoffId: crypto.randomUUID(), reasonCategory: 'Other'}), 'invalid_state');
  });

  it('a helpful resolve of a proposal walk validates the proposal', async () => {
    const proposalId = crypto.randomUUID();
    await db.sql`insert into flow_proposal (id, account_id, title, problem_statement, source, definition, created_at)
      values (${proposalId}, ${l1.accountId}, 'Teams mic', 'Mic not working', 'manual',
              ${db.sql.json({start: 'a', nodes: [{id: 'a', kind: 'resolution', text: 'Pick the right device', options: []}]})}, ${Date.now()})`;
    const ticketId = crypto.randomUUID();
    const walkId = crypto.randomUUID();
    expect(await mutate(l1, 'ticket.intake', {ticketId, walkId, problemStatement: 'Mic', proposalId})).toEqual({ok: true});
    expect(await walkRow(walkId)).toMatchObject({session_kind: 'proposal', flow_proposal_id: proposalId, current_node_id: 'a'});
    expect(await mutate(l1, 'walk.resolve', {walkId, helpful: true, resolutionNotes: 'Fixed'})).toEqual({ok: true});
    const [p] = await db.sql`select validated_by_outcome from flow_proposal where id = ${proposalId}`;
    expect(p.validated_by_outcome).toBe(true);
  });

  it('escalate moves walk and ticket to escalated and opens a handoff with a written package', async () => {
    const {ticketId, walkId} = await startWalk();
    await mutate(l1, 'walk.recordStep', {walkId, nodeId: 'start', optionId: 'owa-works', note: 'Webmail OK'});
    await mutate(l1, 'walk.updateNotes', {walkId, notes: 'Restarted Outlook twice.'});
    const handoffId = crypto.randomUUID();
    expectRefused(await mutate(l1, 'walk.escalate', {walkId, handoffId, reasonCategory: 'Because'}), 'invalid_input');
    expect(await mutate(l1, 'walk.escalate', {walkId, handoffId, reasonCategory: 'Tree dead-ended', details: 'Flow has no branch for this'})).toEqual({ok: true});
    expect(await walkRow(walkId)).toMatchObject({status: 'escalated'});
    expect(await ticketRow(ticketId)).toMatchObject({status: 'escalated'});
    const [h] = await db.sql`select * from handoff where id = ${handoffId}`;
    expect(h).toMatchObject({intent: 'escalate', status: 'open', reason_category: 'Tree dead-ended', escalated_by: l1.userId, package_writer: 'local'});
    expect(h.package.problem).toContain('Outlook shows Disconnected');
    expect(h.package.confirmed.join(' ')).toContain('Yes, mail loads in the browser');
    expect(h.package.tried.join(' ')).toContain('Restarted Outlook twice.');
    expect(h.package.nextSteps.length).toBeGreaterThanOrEqual(2);
    expect(h.package.nextSteps.length).toBeLessThanOrEqual(4);
    expect(h.assessment.confidence).toBeNull(); // the local writer has nothing to measure a confidence by
    expect(JSON.stringify(h.package)).not.toMatch(/Lee Linden|TBD|a3f1c2d4/);
    // A replay of the same escalation is answered, not duplicated.
    expect(await mutate(l1, 'walk.escalate', {walkId, handoffId, reasonCategory: 'Tree dead-ended'})).toEqual({ok: true});
    expect(await db.sql`select 1 from handoff where walk_id = ${walkId}`).toHaveLength(1);
  });

  it('escalate without a walk creates the ticket, an escalated ad-hoc walk and the handoff', async () => {
    const ids = {ticketId: crypto.randomUUID(), walkId: crypto.randomUUID(), handoffId: crypto.randomUUID()};
    expect(await mutate(l1, 'ticket.escalateWithoutWalk', {...ids, problemStatement: 'Server room alarm', reasonCategory: 'Out of L1 scope'})).toEqual({ok: true});
    expect(await ticketRow(ids.ticketId)).toMatchObject({status: 'escalated'});
    expect(await walkRow(ids.walkId)).toMatchObject({status: 'escalated', session_kind: 'adhoc'});
    const [h] = await db.sql`select package from handoff where id = ${ids.handoffId}`;
    expect(h.package.confirmed).toEqual(['Nothing confirmed yet.']);
    expect(h.package.tried).toEqual(['No diagnostic actions run yet.']);
    expectRefused(
      await mutate(viewer, 'ticket.escalateWithoutWalk', {...ids, ticketId: crypto.randomUUID(), problemStatement: 'x', reasonCategory: 'Other'}),
      'forbidden',
    );
    // A handoff id already taken, here by another account, is refused with nothing written
    // (the server's insert would otherwise skip silently and escalate the call into nothing).
    const fresh = {ticketId: crypto.randomUUID(), walkId: crypto.randomUUID()};
    expectRefused(
      await mutate(contosoOwner, 'ticket.escalateWithoutWalk', {...fresh, handoffId: ids.handoffId, problemStatement: 'x', reasonCategory: 'Other'}),
      'invalid_input',
    );
    expect(await ticketRow(fresh.ticketId)).toBeUndefined();
    expect(await walkRow(fresh.walkId)).toBeUndefined();
  });

  it('abandons walks idle for 24 h, not a minute earlier, once, however often it runs', async () => {
    const {ticketId: freshTicket, walkId: fresh} = await startWalk();
    const {ticketId: staleTicket, walkId: stale} = await startWalk();
    const now = Date.now();
    await db.sql`update walk set last_activity_at = ${now - IDLE_LIMIT_MS + 60_000} where id = ${fresh}`;
    await db.sql`update walk set last_activity_at = ${now - IDLE_LIMIT_MS - 60_000} where id = ${stale}`;

    const [first, second] = await Promise.all([abandonIdleWalks(db.sql, now), abandonIdleWalks(db.sql, now)]);
    expect([...first, ...second].filter(id => id === stale)).toHaveLength(1);
    expect([...first, ...second]).not.toContain(fresh);
    expect(await walkRow(stale)).toMatchObject({status: 'abandoned'});
    expect(await walkRow(fresh)).toMatchObject({status: 'active'});
    expect(await ticketRow(staleTicket)).toMatchObject({status: 'open'});
    expect(await ticketRow(freshTicket)).toMatchObject({status: 'walking'});
    expect(await abandonIdleWalks(db.sql, now)).not.toContain(stale);
    expectRefused(await mutate(l1, 'walk.updateNotes', {walkId: stale, notes: 'back'}), 'invalid_state');
  });
});
