import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {tcpProxy} from '../../bench/support/tcp-proxy.ts';
import {startApi, type RunningApi} from '../../server/api/start-api.ts';
import {demoFlows} from '../../server/seed/demo-flows.ts';
import {freePort} from '../support/free-port.ts';
import {PUSH_QUERY, pushClient, type PushClient} from '../support/push.ts';
import {signIn, type Session} from '../support/sign-in.ts';
import {startTestStack, type TestStack} from '../support/stack.ts';
import {eventually} from '../support/zero-client.ts';

/**
 * server/zero/zero-deadline.ts: POST /api/zero/mutate and /api/zero/query
 * answer within their deadline while PostgreSQL hangs (the API's connection
 * runs through a relay that stops carrying anything: no error, no answer).
 * A push is answered PushFailed (reason database) naming its mutations, so
 * that zero-cache tells the client, which pushes them again; the request's
 * own work, which goes on once the database answers again, applies nothing;
 * the push sent again lands once, in order. Without the deadline these
 * requests wait for as long as the database hangs — and zero-cache, which
 * sends a client group's pushes one at a time, with them.
 */
describe('the Zero endpoints while the database hangs', () => {
  let stack: TestStack;
  let proxy: Awaited<ReturnType<typeof tcpProxy>>;
  let api: RunningApi;
  let appUrl: string;
  let l1: Session;
  /** Pushes as zero-cache would: mutations 1, 2, 3 … of one client, the same id again after a failed push. */
  let client: PushClient;
  const outlook = demoFlows.find(f => f.title === "Outlook won't connect")!;

  beforeAll(async () => {
    // The whole stack (zero-cache keeps its clients' mutation ids in PostgreSQL), and beside
    // its API a second one, in this process, whose database connection runs through the relay.
    stack = await startTestStack();
    const direct = new URL(stack.databaseUrl);
    proxy = await tcpProxy(Number(direct.port));
    const proxied = new URL(stack.databaseUrl);
    proxied.port = String(proxy.port);
    const port = await freePort();
    api = await startApi({...stack.config, port, publicUrl: `http://localhost:${port}`, zeroDeadlineMs: 3_000, log: () => {}}, proxied.toString());
    appUrl = `http://localhost:${port}`;
    l1 = await signIn(appUrl, 'l1@northwind.test');
    client = pushClient(appUrl, l1.token);
  });
  afterAll(async () => {
    proxy?.restore();
    await api?.stop();
    await proxy?.close();
    await stack?.dispose();
  }, 120_000);

  const landed = (id: number) => ({
    status: 200,
    body: {kind: 'MutateResponse', mutations: [{id: {clientID: client.clientID, id}, result: {}}], userID: l1.context.userId},
  });
  const steps = async (walkId: string) =>
    (await stack.sql<{option_id: string}[]>`select option_id from walk_step where walk_id = ${walkId} order by seq`).map(s => s.option_id);

  it('a push is answered "database unavailable" naming its mutation, applies nothing, and lands once when pushed again', {timeout: 60_000}, async () => {
    const walkId = crypto.randomUUID();
    expect(await client.push('ticket.intake', {ticketId: crypto.randomUUID(), walkId, problemStatement: 'Outlook offline', flowId: outlook.id})).toEqual(landed(1));

    const changeId = crypto.randomUUID();
    const step = {walkId, nodeId: 'start', optionId: 'owa-works', changeId};
    proxy.stall();
    const failed = await client.push('walk.recordStep', step);
    expect(failed).toEqual({
      status: 200,
      body: {
        kind: 'PushFailed',
        origin: 'server',
        reason: 'database',
        message: 'The database is unavailable; the changes were not applied and will be pushed again.',
        mutationIDs: [{clientID: client.clientID, id: 2}],
      },
    });

    // The database answers again; the request's own work goes on, but its answer said "not applied".
    proxy.restore();
    await eventually(
      () => fetch(`${appUrl}/api/session`, {headers: {authorization: `Bearer ${l1.token}`}}).then(r => r.status),
      s => s === 200,
      30_000,
    );
    await new Promise(r => setTimeout(r, 1_000));
    expect(await steps(walkId)).toEqual([]);

    // zero-cache tells the client, which pushes the same mutation again: it lands once, and the next one after it.
    expect(await client.push('walk.recordStep', step, {id: 2})).toEqual(landed(2));
    expect(await client.push('walk.recordStep', {walkId, nodeId: 'status-bar', optionId: 'status-offline', changeId: crypto.randomUUID()})).toEqual(landed(3));
    expect(await steps(walkId)).toEqual(['owa-works', 'status-offline']);
    expect(await stack.sql`select 1 from tandem_internal.change_ledger where change_id = ${changeId}`).toHaveLength(1);
  });

  it('a query request is answered 503 (zero-cache retries it, then the client reconnects)', {timeout: 60_000}, async () => {
    // A session this API has not resolved yet (one it resolved a moment ago it reuses without the
    // database, server/auth/context-cache.ts, and a query transform needs no database).
    const fresh = await signIn(stack.appUrl, 'l1@northwind.test');
    proxy.stall();
    try {
      const res = await fetch(`${appUrl}/api/zero/query?${PUSH_QUERY}`, {
        method: 'POST',
        headers: {'content-type': 'application/json', authorization: `Bearer ${fresh.token}`},
        body: JSON.stringify(['transform', [{id: 'q1', name: 'walk.byId', args: [{walkId: crypto.randomUUID()}]}]]),
      });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({error: 'internal', message: 'The database is unavailable; try again shortly.'});
    } finally {
      proxy.restore();
    }
  });
});
