import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {mutators} from '../../mutators/index.ts';
import {queries} from '../../queries/index.ts';
import {assembleWalkPage} from '../../client/features/walk/walk-page.ts';
import {pageQueries} from '../../client/zero/page-queries.ts';
import {demoFlows} from '../../server/seed/demo-flows.ts';
import {startTestStack, type TestStack} from '../support/stack.ts';
import {signIn} from '../support/sign-in.ts';
import {eventually, zeroClient, type TandemZero} from '../support/zero-client.ts';
import {pushMutation} from '../support/push.ts';
import {withoutSessionAnnouncements} from '../support/session-announcements.ts';
import type {TandemContext} from '../../schema/index.ts';

/**
 * The foundation end to end: real PostgreSQL, real zero-cache, the real API,
 * and real Zero clients signed in as demo users of two accounts.
 */
describe('live sync through zero-cache', () => {
  let stack: TestStack;
  let l1: TandemZero;
  let senior: TandemZero;
  let contoso: TandemZero;
  let viewer: TandemZero;
  const clients: TandemZero[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    const zeroUrl = stack.zeroUrl;
    const [l1S, seniorS, contosoS, viewerS] = await Promise.all(
      ['l1@northwind.test', 'senior@northwind.test', 'engineer@contoso.test', 'viewer@northwind.test'].map(e => signIn(stack.appUrl, e)),
    );
    for (const [s, set] of [
      [l1S, (z: TandemZero) => (l1 = z)],
      [seniorS, (z: TandemZero) => (senior = z)],
      [contosoS, (z: TandemZero) => (contoso = z)],
      [viewerS, (z: TandemZero) => (viewer = z)],
    ] as const) {
      const z = zeroClient(zeroUrl, s);
      clients.push(z);
      set(z);
    }
  }, 240_000);

  afterAll(async () => {
    await Promise.all(clients.map(z => z.close()));
    await stack?.dispose();
  }, 60_000);

  it('a ticket taken in one client appears live in a colleague’s client and never in another account', async () => {
    const seniorView = senior.materialize(queries.ticket.list({}));
    const contosoView = contoso.materialize(queries.ticket.list({}));
    await senior.run(queries.ticket.list({}), {type: 'complete'});
    await contoso.run(queries.ticket.list({}), {type: 'complete'});

    const ticketId = crypto.randomUUID();
    const walkId = crypto.randomUUID();
    const write = l1.mutate(
      mutators.ticket.intake({
        ticketId,
        walkId,
        problemStatement: 'Outlook keeps asking for the password',
        customerName: 'Dana at Fabrikam',
      }),
    );
    expect(await write.client).toEqual({type: 'success'});
    expect(await write.server).toEqual({type: 'success'});

    const seen = await eventually(
      () => seniorView.data,
      rows => rows.some(t => t.id === ticketId),
    );
    const ticket = seen.find(t => t.id === ticketId)!;
    expect(ticket.problem_statement).toBe('Outlook keeps asking for the password');
    expect(ticket.status).toBe('walking');

    // The walk reached the server's tables with the server's own context.
    const [walk] = await stack.sql`select status, driver_user_id, session_kind from walk where id = ${walkId}`;
    expect(walk).toMatchObject({status: 'active', session_kind: 'adhoc'});
    const [audit] = await stack.sql`select action, subject_id, acting_as from audit_log where subject_id = ${ticketId}`;
    expect(audit).toMatchObject({action: 'ticket.intake', acting_as: 'self'});

    // The other account never receives it, even asking by id.
    const contosoTickets = await contoso.run(queries.ticket.list({}), {type: 'complete'});
    expect(contosoTickets.some(t => t.id === ticketId)).toBe(false);
    expect(contosoView.data.some(t => t.id === ticketId)).toBe(false);
    const contosoWalk = await contoso.run(queries.walk.byId({walkId}), {type: 'complete'});
    expect(contosoWalk).toBeUndefined();

    seniorView.destroy();
    contosoView.destroy();
  });

  it('a change the server refuses is rolled back on the client that made it', async () => {
    // A flow of another account: the L1's local store cannot know, so the
    // change applies optimistically; the server answers not_found.
    const [foreignFlow] = await stack.sql`
      select f.id from flow f join account a on a.id = f.account_id where a.name = 'Contoso MSP' limit 1`;
    const l1View = l1.materialize(queries.ticket.list({}));
    await l1.run(queries.ticket.list({}), {type: 'complete'});

    const ticketId = crypto.randomUUID();
    const write = l1.mutate(
      mutators.ticket.intake({
        ticketId,
        walkId: crypto.randomUUID(),
        problemStatement: 'VPN drops every ten minutes',
        flowId: foreignFlow.id,
      }),
    );
    expect(await write.client).toEqual({type: 'success'});
    expect(l1View.data.some(t => t.id === ticketId)).toBe(true);

    const result = await write.server;
    expect(result.type).toBe('error');
    expect(result.type === 'error' && result.error.type === 'app' && result.error.details).toMatchObject({
      code: 'not_found',
    });
    await eventually(
      () => l1View.data,
      rows => !rows.some(t => t.id === ticketId),
    );
    const rows = await stack.sql`select 1 from ticket where id = ${ticketId}`;
    expect(rows).toHaveLength(0);
    l1View.destroy();
  });

  it('a viewer is refused with a stable code and nothing is written', async () => {
    const ticketId = crypto.randomUUID();
    const write = viewer.mutate(mutators.ticket.intake({ticketId, walkId: crypto.randomUUID(), problemStatement: 'Printer offline'}));
    const result = await write.server;
    expect(result.type).toBe('error');
    expect(result.type === 'error' && result.error.type === 'app' && result.error.details).toMatchObject({
      code: 'forbidden',
    });
    const rows = await stack.sql`select 1 from ticket where id = ${ticketId}`;
    expect(rows).toHaveLength(0);
  });

  it('the Zero endpoints refuse requests without a session, and health reports both parts', async () => {
    for (const path of ['/api/zero/mutate', '/api/zero/query']) {
      const res = await fetch(`${stack.appUrl}${path}`, {method: 'POST', body: '{}'});
      expect(res.status).toBe(401);
    }
    const health = await fetch(`${stack.appUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({database: {ok: true}, zeroCache: {ok: true}});
  });

  it('a user of one account never syncs another account’s rows, whatever arguments they send', async () => {
    const [nwWalk] = await stack.sql`select w.id, w.flow_id from walk w join account a on a.id = w.account_id where a.name = 'Northwind IT' limit 1`;
    const [nwFlow] = await stack.sql`select f.id from flow f join account a on a.id = f.account_id where a.name = 'Northwind IT' limit 1`;
    const northwind = String((await stack.sql`select id from account where name = 'Northwind IT'`)[0].id);
    const results = await Promise.all([
      contoso.run(queries.walk.byId({walkId: nwWalk.id}), {type: 'complete'}),
      contoso.run(queries.walk.active(), {type: 'complete'}),
      contoso.run(queries.ticket.list({limit: 500}), {type: 'complete'}),
      contoso.run(queries.member.list(), {type: 'complete'}),
      contoso.run(queries.flow.list(), {type: 'complete'}),
      contoso.run(queries.flow.byId({flowId: nwFlow.id}), {type: 'complete'}),
      contoso.run(queries.invite.list(), {type: 'complete'}),
      contoso.run(queries.account.current(), {type: 'complete'}),
      ...Object.values(pageQueries.walker(nwWalk.id)).map(q => contoso.run(q as never, {type: 'complete'})),
    ]);
    const synced = JSON.stringify(results);
    expect(synced).not.toContain(northwind);
    expect(synced).not.toContain(nwWalk.id);
    expect(synced).not.toContain('northwind.test');
    // Admin queries are owners' only: an engineer of the same account gets nothing
    // (the audit log is not synced at all: GET /api/audit, test/integration/audit-endpoint.test.ts).
    const seniorInvites = await senior.run(queries.invite.list(), {type: 'complete'});
    expect(seniorInvites).toEqual([]);
  });

  it('a deactivated member can neither sign in nor sync with an old session', async () => {
    const session = await signIn(stack.appUrl, 'l1b@northwind.test');
    const before = await fetch(`${stack.appUrl}/api/session`, {headers: {authorization: `Bearer ${session.token}`}});
    expect(before.status).toBe(200);
    await stack.sql`update member set active = false where email = 'l1b@northwind.test'`;
    // The API forgets the session it resolved a moment ago when the database announces the change (server/auth/context-cache.ts).
    await expect
      .poll(async () => (await fetch(`${stack.appUrl}/api/session`, {headers: {authorization: `Bearer ${session.token}`}})).status, {timeout: 5_000})
      .toBe(401);
    const query = await fetch(`${stack.appUrl}/api/zero/query`, {method: 'POST', headers: {authorization: `Bearer ${session.token}`}, body: '{}'});
    expect(query.status).toBe(401);
    await expect(signIn(stack.appUrl, 'l1b@northwind.test')).rejects.toThrow();
    await stack.sql`update member set active = true where email = 'l1b@northwind.test'`;
  });

  it('an owner’s deactivation or role change through the API counts on the member’s very next request', () =>
    // Without the database's announcements: the API forgets the sessions its own push changed.
    withoutSessionAnnouncements(stack.sql, async () => {
      const owner = {token: (await signIn(stack.appUrl, 'owner@northwind.test')).token};
      const contextOf = async (token: string) => {
        const res = await fetch(`${stack.appUrl}/api/session`, {headers: {authorization: `Bearer ${token}`}});
        return res.ok ? ((await res.json()) as {context: TandemContext}).context : res.status;
      };
      const ok = async (name: string, args: unknown) => expect((await pushMutation(stack.appUrl, owner, name, args)).result).toEqual({ok: true});

      const member = await signIn(stack.appUrl, 'l1b@northwind.test');
      const memberId = member.context.userId;
      expect(await contextOf(member.token)).toMatchObject({role: 'l1_tech'});
      await ok('member.changeRole', {memberId, role: 'viewer'});
      expect(await contextOf(member.token)).toMatchObject({role: 'viewer'});
      await ok('member.changeRole', {memberId, role: 'l1_tech'});
      expect(await contextOf(member.token)).toMatchObject({role: 'l1_tech'});

      const engineer = await signIn(stack.appUrl, 'senior@northwind.test');
      await ok('member.setCoverage', {memberId: engineer.context.userId, canCoverL1: true});
      expect(await contextOf(engineer.token)).toMatchObject({canCoverL1: true});
      await ok('member.setCoverage', {memberId: engineer.context.userId, canCoverL1: false});
      expect(await contextOf(engineer.token)).toMatchObject({canCoverL1: false});

      await ok('member.setActive', {memberId, active: false});
      expect(await contextOf(member.token)).toBe(401);
      await ok('member.setActive', {memberId, active: true});
    }));

  it('an edit of a walk without a flow stays an edit: its lane is not sent again (relationship keys never null)', async () => {
    const walkId = crypto.randomUUID();
    expect(await l1.mutate(mutators.ticket.intake({ticketId: crypto.randomUUID(), walkId, problemStatement: 'Free-form: printer noises'})).server).toEqual({
      type: 'success',
    });
    // The L1's own client has the walk open, as the walker page does.
    const own = l1.materialize(queries.walk.byId({walkId}));
    await eventually(() => own.data, Boolean, 30_000);
    const itemId = crypto.randomUUID();
    expect(await l1.mutate(mutators.taskLane.add({itemId, walkId, kind: 'question', text: 'Which tray?'})).server).toEqual({type: 'success'});
    const view = senior.materialize(queries.walk.byId({walkId}));
    type WalkData = {flow_id: string | null; notes: string; lane: {id: string}[]} | undefined;
    const data = () => view.data as WalkData;
    await eventually(data, d => d?.lane.length === 1, 30_000);
    expect(data()!.flow_id).toBeNull();
    const lane = data()!.lane;
    expect(await l1.mutate(mutators.walk.updateNotes({walkId, notes: 'Grinding from tray 2'})).server).toEqual({type: 'success'});
    await eventually(data, d => d?.notes === 'Grinding from tray 2', 30_000);
    // Zero treats a null relationship key as changed on every edit and would
    // remove and re-add the whole walk (a new lane array); keyed by a
    // never-null column, the edit leaves the lane as it was.
    expect(data()!.lane).toBe(lane);
    view.destroy();
    own.destroy();
  });

  it('the walker page’s flat queries put together the same walk as walk.byId, live, and a step reaches only the steps query', async () => {
    const outlook = demoFlows.find(f => f.title === "Outlook won't connect")!;
    const walkId = crypto.randomUUID();
    const intake = l1.mutate(mutators.ticket.intake({ticketId: crypto.randomUUID(), walkId, problemStatement: 'Outlook shows Disconnected', flowId: outlook.id}));
    expect(await intake.server).toEqual({type: 'success'});

    const byId = senior.materialize(queries.walk.byId({walkId}));
    const parts = Object.entries(pageQueries.walker(walkId)).map(([name, q]) => {
      const view = senior.materialize(q as never);
      const part = {name, view, changes: 0};
      view.addListener(() => void part.changes++);
      return part;
    });
    const page = () => assembleWalkPage(Object.fromEntries(parts.map(p => [p.name, p.view.data])) as never);
    await eventually(page, Boolean, 30_000);
    // The senior watches: whispers a check into the lane and is present, beating as the page does.
    expect(await senior.mutate(mutators.taskLane.add({itemId: crypto.randomUUID(), walkId, kind: 'check', text: 'Is OWA reachable?'})).server).toEqual({
      type: 'success',
    });
    expect(await senior.mutate(mutators.presence.heartbeat({walkId})).server).toEqual({type: 'success'});
    const beats = setInterval(() => void senior.mutate(mutators.presence.heartbeat({walkId})), 2000);
    await eventually(page, w => w?.lane.length === 1 && w.presence.length === 1, 30_000);
    const changesBefore = Object.fromEntries(parts.map(p => [p.name, p.changes]));

    expect(await l1.mutate(mutators.walk.recordStep({walkId, nodeId: 'start', optionId: 'owa-works'})).server).toEqual({type: 'success'});
    await eventually(page, w => w?.steps.length === 1 && w.current_node_id !== 'start', 30_000);
    await eventually(
      () => byId.data,
      w => w?.steps.length === 1,
      30_000,
    );
    expect(page()).toEqual(byId.data);
    expect(page()!.flow?.title).toBe(outlook.title);
    expect(page()!.ticket?.problem_statement).toBe('Outlook shows Disconnected');
    expect(page()!.presence[0].user?.email).toBe('senior@northwind.test');
    // The step changed the walk row and its steps, nothing else the page holds.
    const changed = parts.filter(p => p.changes !== changesBefore[p.name]).map(p => p.name);
    expect(changed.sort()).toEqual(['header', 'steps']);
    clearInterval(beats);
    byId.destroy();
    for (const p of parts) p.view.destroy();
  });
});
