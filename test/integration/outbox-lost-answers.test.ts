import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {tcpProxy} from '../../bench/support/tcp-proxy.ts';
import {askOutboxAnswers} from '../../client/offline/outbox-answers.ts';
import {mutators} from '../../mutators/index.ts';
import {queries} from '../../queries/index.ts';
import {outboxFor} from '../support/outbox.ts';
import {pushMutation} from '../support/push.ts';
import {signIn, type Session} from '../support/sign-in.ts';
import {startTestStack, type TestStack} from '../support/stack.ts';
import {eventually, zeroClient} from '../support/zero-client.ts';

/**
 * The outbox when Zero loses the answers but keeps the changes
 * (docs/offline.md §2). Changes made while Zero is `connecting` are taken by
 * Zero; when its connection then fails for good (`disconnected`, here after
 * a shortened `disconnectTimeoutMs`), their `.server` answers settle with a
 * Zero error while Zero still holds them and pushes them again once it is
 * back. The outbox must not send them again: it asks the server what became
 * of them. The applied one leaves the outbox; the refused one (its walk was
 * resolved meanwhile) is sent once more, only after Zero let go of it, to
 * hear the reason, and is kept with its typed text. The server took exactly
 * one mutation per change, plus that one replay. What it asks
 * (POST /api/outbox/answers) names only the caller's own changes.
 */
describe('outbox: answers lost, changes held by Zero', () => {
  let stack: TestStack;
  let senior: Session;
  const closers: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    senior = await signIn(stack.appUrl, 'senior@northwind.test');
  }, 300_000);
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await stack?.dispose();
  }, 120_000);

  const mutationsTaken = async (clientID: string) => {
    const [row] = await stack.sql<{last: string}[]>`select "lastMutationID" as last from zero_0.clients where "clientID" = ${clientID}`;
    return Number(row?.last ?? 0);
  };

  it('does not resend what Zero holds; learns applied from the ledger, replays the refused one once', async () => {
    const proxy = await tcpProxy(Number(new URL(stack.zeroUrl).port));
    closers.push(() => {
      proxy.cut();
      return proxy.close();
    });
    const l1 = await signIn(stack.appUrl, 'l1@northwind.test');
    const zero = zeroClient(proxy.url, l1, {disconnectTimeoutMs: 2_000});
    const outbox = outboxFor(zero, stack.appUrl, l1);
    closers.push(async () => {
      outbox.close();
      await zero.close();
    });

    // A walk of the L1's, escalated and claimed by the engineer (the L1 may still add to its lane).
    const walkId = crypto.randomUUID();
    expect(await zero.mutate(mutators.ticket.intake({ticketId: crypto.randomUUID(), walkId, problemStatement: 'VPN drops on the dock'})).server).toEqual({
      type: 'success',
    });
    const view = zero.materialize(queries.walk.byId({walkId}));
    closers.push(() => view.destroy());
    await eventually(() => view.data, Boolean, 30_000);
    const handoffId = crypto.randomUUID();
    const escalated = await outbox.send(mutators.walk.escalate({walkId, handoffId, reasonCategory: 'Out of L1 scope'}));
    expect(escalated, JSON.stringify(escalated)).toMatchObject({status: 'sent'});
    expect(escalated.status === 'sent' && (await escalated.server)).toBeNull();
    expect((await pushMutation(stack.appUrl, {token: senior.token}, 'handoff.claim', {handoffId})).result).toEqual({ok: true});
    await eventually(
      () => zero.run(queries.walk.byId({walkId})),
      w => (w as {status?: string} | undefined)?.status === 'active',
      30_000,
    );

    // The line dies. While Zero is still connecting it takes both changes.
    proxy.cut();
    await eventually(
      () => zero.connection.state.current.name,
      name => name === 'connecting',
      30_000,
    );
    const fact = 'The dock firmware is 1.2; keep this for the engineer';
    const newCall = {ticketId: crypto.randomUUID(), walkId: crypto.randomUUID()};
    const sent = [
      await outbox.send(mutators.taskLane.add({itemId: crypto.randomUUID(), walkId, kind: 'fact', text: fact})),
      await outbox.send(mutators.ticket.intake({...newCall, problemStatement: 'Printer offline in the branch'})),
    ];
    expect(sent.map(s => s.status)).toEqual(['sent', 'sent']);
    // Zero gives up on the connection: both answers are lost, the changes stay with Zero.
    await eventually(
      () => zero.connection.state.current.name,
      name => name === 'disconnected',
      60_000,
    );
    expect(await Promise.all(sent.map(s => (s.status === 'sent' ? s.server : 'not sent')))).toEqual([null, null]);
    expect(outbox.entries().map(e => e.state)).toEqual(['pending', 'pending']);
    const [laneChangeId, callChangeId] = outbox.entries().map(e => e.changeId);

    // Meanwhile the engineer resolves the walk: the lane item will be refused.
    expect((await pushMutation(stack.appUrl, {token: senior.token}, 'handoff.resolve', {handoffId, resolutionNotes: 'Dock firmware updated.'})).result).toEqual({
      ok: true,
    });
    proxy.restore();

    const answered = await eventually(
      () => outbox.entries(),
      entries => entries.length === 1 && entries[0]!.state === 'refused',
      90_000,
    );
    expect(answered.map(e => ({name: e.name, text: e.text, code: e.refusal?.code}))).toEqual([{name: 'taskLane.add', text: fact, code: 'invalid_state'}]);
    expect((await stack.sql`select 1 from ticket where id = ${newCall.ticketId}`).length).toBe(1);
    expect((await stack.sql`select 1 from task_lane_item where walk_id = ${walkId}`).length).toBe(0);
    // intake, escalate, the two changes once each (Zero's own pushes), and the one replay of the refused change.
    expect(await mutationsTaken(zero.clientID)).toBe(5);

    // What the outbox asked: the L1's own applied change is named; another member learns nothing of it.
    const question = {clientGroupID: await zero.clientGroupID, clientID: zero.clientID, changeIds: [laneChangeId!, callChangeId!]};
    expect(await askOutboxAnswers({appUrl: stack.appUrl, token: l1.token})(question)).toEqual({lastMutationID: 5, applied: [callChangeId]});
    expect((await askOutboxAnswers({appUrl: stack.appUrl, token: senior.token})(question))?.applied).toEqual([]);
    const unsigned = await fetch(`${stack.appUrl}/api/outbox/answers`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify(question),
    });
    expect(unsigned.status).toBe(401);
    const malformed = await fetch(`${stack.appUrl}/api/outbox/answers`, {
      method: 'POST',
      headers: {'content-type': 'application/json', authorization: `Bearer ${l1.token}`},
      body: JSON.stringify({...question, changeIds: ['not-a-uuid']}),
    });
    expect(malformed.status).toBe(400);
  }, 240_000);
});
