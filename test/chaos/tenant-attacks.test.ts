import {isMutator} from '@rocicorp/zero';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {mutators} from '../../mutators/index.ts';
import {queries} from '../../queries/index.ts';
import {CONTOSO, NORTHWIND} from '../../server/seed/demo-people.ts';
import {recordChaos} from '../support/chaos-report.ts';
import {changedTables, dbFingerprint, type Fingerprint} from '../support/db-fingerprint.ts';
import {leaksInternals, postRaw, pushMutation, type MutationResult} from '../support/push.ts';
import {signIn, type Session} from '../support/sign-in.ts';
import {startTestStack, type TestStack} from '../support/stack.ts';
import {UNTHROTTLED} from '../support/unthrottled.ts';
import {buildWorld, type AccountRows, type World} from '../support/tenant-world.ts';
import {eventually, zeroClient, type TandemZero} from '../support/zero-client.ts';

/**
 * Tenant and role attacks, each through the real endpoints: a user of
 * Contoso naming Northwind's rows in every mutator and every named query, a
 * viewer calling every mutator, an L1 tech working the handoff queue, and a
 * deactivated member's old session. All refused with the contract's codes (docs/contract.md)
 * (another tenant's row answers exactly like a missing one), nothing
 * written, nothing synced.
 */
type Case = {name: string; args: Record<string, unknown>};

const fresh = () => crypto.randomUUID();
const codeHash = () => (fresh() + fresh()).replace(/-/g, '');
const PACKAGE = {problem: 'p', confirmed: ['c'], tried: ['t'], hypothesis: 'h', nextSteps: ['n']};

/** Every mutator, naming the rows of `r` where it names existing rows (new rows get fresh ids). */
function referenceCases(r: AccountRows, driverId: string): Case[] {
  return [
    {name: 'account.updateSessionPolicy', args: {idleMinutes: 15, absoluteHours: 1}},
    {name: 'account.setSeatLimits', args: {engineerSeatLimit: 0, l1SeatLimit: null}},
    {name: 'flow.create', args: {flowId: fresh(), title: 'Attack flow'}},
    {name: 'flow.update', args: {flowId: r.flowId, title: 'Renamed by someone else'}},
    {name: 'flow.publish', args: {flowId: r.flowId}},
    {name: 'flow.unpublish', args: {flowId: r.flowId}},
    {name: 'handoff.claim', args: {handoffId: r.handoffId}},
    {name: 'handoff.release', args: {handoffId: r.handoffId}},
    {name: 'handoff.resolve', args: {handoffId: r.handoffId, resolutionNotes: 'closed by someone else'}},
    {name: 'handoff.markSeen', args: {handoffId: r.handoffId, dismiss: true}},
    {name: 'handoff.editPackage', args: {handoffId: r.handoffId, package: PACKAGE}},
    {name: 'member.changeRole', args: {memberId: r.memberId, role: 'viewer'}},
    {name: 'member.setActive', args: {memberId: r.memberId, active: false}},
    {name: 'member.setCoverage', args: {memberId: r.memberId, canCoverL1: true}},
    {name: 'member.transferOwnership', args: {memberId: r.memberId}},
    {name: 'member.setTheme', args: {theme: 'system'}},
    {name: 'invite.create', args: {inviteId: fresh(), email: `x-${fresh().slice(0, 6)}@example.test`, role: 'engineer', codeHash: codeHash()}},
    {name: 'invite.revoke', args: {inviteId: r.inviteId}},
    {name: 'ticket.intake', args: {ticketId: fresh(), walkId: fresh(), problemStatement: 'x', flowId: r.flowId}},
    {name: 'ticket.intake', args: {ticketId: fresh(), walkId: fresh(), problemStatement: 'x', proposalId: r.proposalId}},
    {name: 'ticket.escalateWithoutWalk', args: {ticketId: fresh(), walkId: fresh(), handoffId: fresh(), problemStatement: 'x', reasonCategory: 'Other'}},
    {name: 'ticket.startWalk', args: {ticketId: r.ticketId, walkId: fresh()}},
    {name: 'ticket.reopen', args: {ticketId: r.ticketId}},
    {name: 'ticket.close', args: {ticketId: r.ticketId, reason: 'closed by someone else'}},
    {name: 'walk.recordStep', args: {walkId: r.walkId, nodeId: 'start', optionId: 'owa-works'}},
    {name: 'walk.stepBack', args: {walkId: r.walkId}},
    {name: 'walk.updateNotes', args: {walkId: r.walkId, notes: 'overwritten by someone else'}},
    {name: 'walk.resolve', args: {walkId: r.walkId, helpful: true, resolutionNotes: 'x'}},
    {name: 'walk.escalate', args: {walkId: r.walkId, handoffId: fresh(), reasonCategory: 'Other'}},
    {name: 'walk.park', args: {walkId: r.walkId, handoffId: fresh()}},
    {name: 'walk.unpark', args: {walkId: r.walkId}},
    {name: 'walk.takeOver', args: {walkId: r.walkId, expectedDriverId: driverId}},
    {name: 'walk.handBack', args: {walkId: r.walkId, toUserId: r.memberId}},
    {name: 'taskLane.add', args: {itemId: fresh(), walkId: r.walkId, kind: 'fact', text: 'planted'}},
    {name: 'taskLane.setState', args: {itemId: r.questionId, state: 'done'}},
    {name: 'taskLane.answer', args: {itemId: r.questionId, answer: 'a'}},
    {name: 'taskLane.edit', args: {itemId: r.questionId, text: 'e'}},
    {name: 'taskLane.move', args: {itemId: r.questionId, position: 99}},
    {name: 'taskLane.remove', args: {itemId: r.questionId}},
    {name: 'taskLane.markFixApplied', args: {itemId: r.fixId}},
    {name: 'taskLane.recordFixOutcome', args: {itemId: r.fixId, outcome: 'dismissed'}},
    {name: 'resolutionNote.saveDraft', args: {walkId: r.walkId, draft: 'd'}},
    {name: 'taskLane.markSeen', args: {itemId: r.questionId}},
    {name: 'inbox.markRead', args: {entryId: r.inboxEntryId}},
    {name: 'inbox.markAllRead', args: {}},
    {name: 'presence.heartbeat', args: {walkId: r.walkId}},
    {name: 'presence.leave', args: {walkId: r.walkId}},
  ];
}

/** New rows whose client-chosen id is already one of `victim`'s rows (the attacker's own rows elsewhere). */
function collisionCases(victim: AccountRows, own: AccountRows): Case[] {
  return [
    {name: 'flow.create', args: {flowId: victim.flowId, title: 'Mine now'}},
    {name: 'invite.create', args: {inviteId: victim.inviteId, email: `y-${fresh().slice(0, 6)}@example.test`, role: 'viewer', codeHash: codeHash()}},
    {name: 'ticket.intake', args: {ticketId: victim.ticketId, walkId: fresh(), problemStatement: 'x'}},
    {name: 'ticket.intake', args: {ticketId: fresh(), walkId: victim.walkId, problemStatement: 'x'}},
    {name: 'ticket.escalateWithoutWalk', args: {ticketId: victim.ticketId, walkId: fresh(), handoffId: fresh(), problemStatement: 'x', reasonCategory: 'Other'}},
    {name: 'ticket.escalateWithoutWalk', args: {ticketId: fresh(), walkId: fresh(), handoffId: victim.handoffId, problemStatement: 'x', reasonCategory: 'Other'}},
    {name: 'ticket.startWalk', args: {ticketId: own.ticketId, walkId: victim.walkId}},
    {name: 'walk.escalate', args: {walkId: own.walkId, handoffId: victim.handoffId, reasonCategory: 'Other'}},
    {name: 'walk.park', args: {walkId: own.walkId, handoffId: victim.handoffId}},
    {name: 'taskLane.add', args: {itemId: victim.questionId, walkId: own.walkId, kind: 'fact', text: 'x'}},
    {name: 'taskLane.answer', args: {itemId: own.questionId, answer: 'a', factId: victim.fixId}},
  ];
}

function registryNames(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    if (key === '~') return [];
    const name = prefix ? `${prefix}.${key}` : key;
    return isMutator(value) || typeof value === 'function' ? [name] : registryNames(value as Record<string, unknown>, name);
  });
}

/** Replaces every id of `rows` inside `args` by a fresh one: the same call about rows that do not exist. */
function withMissingIds(args: Record<string, unknown>, rows: AccountRows): Record<string, unknown> {
  const ids = new Set(Object.values(rows));
  const swap = new Map<string, string>();
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === 'string' && ids.has(v) ? (swap.get(v) ?? swap.set(v, fresh()).get(v)!) : v]));
}

/** What a Zero client sends for a named query request. */
const queryName = (q: unknown) => (q as {query: {queryName: string}}).query.queryName;
const queryArgs = (q: unknown) => {
  const args = (q as {args?: unknown}).args;
  return args === undefined ? [] : [args];
};

const codeOf = (r: MutationResult | undefined) => (!r ? 'no answer' : r.ok ? 'ok' : r.kind === 'app' ? String(r.code) : 'other');

describe('tenant and role attacks', () => {
  let stack: TestStack;
  let world: World;
  let nw: AccountRows;
  let co: AccountRows;
  let before: Fingerprint;
  const tally = new Map<string, {tried: number; passed: number}>();
  const count = (name: string, ok: boolean) => {
    const t = tally.get(name) ?? {tried: 0, passed: 0};
    t.tried++;
    if (ok) t.passed++;
    tally.set(name, t);
  };

  beforeAll(async () => {
    // Thousands of requests from one session, on purpose: past the rate limits (tested in flood.test.ts).
    stack = await startTestStack({config: {zeroRateLimits: UNTHROTTLED}});
    world = await buildWorld(stack.appUrl, stack.sql);
    ({northwind: nw, contoso: co} = world);
  });
  beforeEach(async () => {
    before = await dbFingerprint(stack.sql);
  });
  afterAll(async () => {
    for (const [name, t] of tally) recordChaos({kind: 'attack', name, tried: t.tried, passed: t.passed, lost: 0});
    await stack?.dispose();
  }, 60_000);

  const push = (session: Session, c: Case) => pushMutation(stack.appUrl, {token: session.token}, c.name, c.args);
  const nwDriver = () => world.sessions['l1@northwind.test'].context.userId;

  it('the attack lists cover every mutator', () => {
    const all = registryNames(mutators as unknown as Record<string, unknown>).sort();
    expect([...new Set(referenceCases(nw, nwDriver()).map(c => c.name))].sort()).toEqual(all);
    const crossTenant = new Set([
      ...referenceCases(nw, nwDriver())
        .filter(c => JSON.stringify(c.args).match(new RegExp(Object.values(nw).join('|'))))
        .map(c => c.name),
      ...collisionCases(nw, co).map(c => c.name),
    ]);
    // The session policy, seat limits, "mark all read" and the theme name no row: they only ever change the caller's own account, inbox or member row.
    const namesNoRow = ['account.updateSessionPolicy', 'account.setSeatLimits', 'inbox.markAllRead', 'member.setTheme'];
    expect([...crossTenant].sort()).toEqual(all.filter(n => !namesNoRow.includes(n)));
  });

  it('Contoso naming Northwind’s rows: every mutator answers not_found, exactly as for a missing row, and writes nothing', async () => {
    const failures: string[] = [];
    for (const email of ['owner@contoso.test', 'engineer@contoso.test']) {
      const attacker = world.sessions[email];
      for (const c of referenceCases(nw, nwDriver())) {
        const names = Object.values(nw);
        if (!names.some(id => JSON.stringify(c.args).includes(id))) continue; // names no Northwind row
        const {answer, result} = await push(attacker, c);
        const missing = (await push(attacker, {...c, args: withMissingIds(c.args, nw)})).result;
        // The owner can do everything, so only tenancy can refuse them: not_found. An engineer
        // may be refused for their role first (forbidden): then for the missing row alike.
        const expected = email === 'owner@contoso.test' ? ['not_found'] : ['not_found', 'forbidden'];
        const ok =
          expected.includes(codeOf(result)) &&
          codeOf(missing) === codeOf(result) &&
          (result as {message?: string}).message === (missing as {message?: string}).message &&
          !leaksInternals(answer.text);
        count(`${c.name}: other account's ids`, ok);
        if (!ok)
          failures.push(
            `${email} ${c.name} ${JSON.stringify(c.args)}: ${codeOf(result)} "${(result as {message?: string})?.message}" vs missing: ${codeOf(missing)} "${(missing as {message?: string})?.message}"`,
          );
      }
    }
    // Client-chosen ids of new rows that are Northwind's: refused without saying whose they are.
    for (const c of collisionCases(nw, co)) {
      const {answer, result} = await push(world.sessions['owner@contoso.test'], c);
      const ok = codeOf(result) === 'invalid_input' && /already in use/.test((result as {message?: string}).message ?? '') && !leaksInternals(answer.text);
      count(`${c.name}: other account's ids`, ok);
      if (!ok) failures.push(`collision ${c.name} ${JSON.stringify(c.args)}: ${codeOf(result)} ${answer.text.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect(changedTables(before, await dbFingerprint(stack.sql))).toEqual([]);
  });

  it('a viewer is refused every mutator with forbidden (presence and their own read marks aside), and nothing is written', async () => {
    const viewer = world.sessions['viewer@northwind.test'];
    const failures: string[] = [];
    // Their own theme is theirs to pick (member.setTheme): already "system", picking it again writes nothing.
    await stack.sql`update member set theme = 'system' where id = ${viewer.context.userId}`;
    before = await dbFingerprint(stack.sql);
    // Viewers may watch a walk: "who is looking" is presence, not account data (never
    // audited, swept within seconds); the heartbeat's row is gone again after leave.
    // A read mark is about the caller's own eyes (and the theme about their own screen): "mark all read" and "seen" change
    // nothing of a viewer's (no inbox entries, not the driver), and an engineer's
    // inbox entry is someone else's, which answers like a missing one.
    const expected: Record<string, string> = {
      'presence.heartbeat': 'ok',
      'presence.leave': 'ok',
      'inbox.markAllRead': 'ok',
      'member.setTheme': 'ok',
      'taskLane.markSeen': 'ok',
      'inbox.markRead': 'not_found',
    };
    for (const c of referenceCases(nw, nwDriver())) {
      const {result} = await push(viewer, c);
      const ok = codeOf(result) === (expected[c.name] ?? 'forbidden');
      count(`${c.name}: viewer`, ok);
      if (!ok) failures.push(`${c.name}: ${codeOf(result)} ${(result as {message?: string})?.message ?? ''}`);
    }
    expect(failures).toEqual([]);
    expect(changedTables(before, await dbFingerprint(stack.sql))).toEqual([]);
  });

  it('an L1 tech cannot claim, release, resolve or rewrite a handoff; engineers cannot use owner or L1-only mutators', async () => {
    const l1 = world.sessions['l1@northwind.test'];
    const senior = world.sessions['senior@northwind.test'];
    const failures: string[] = [];
    const l1Refused = [
      'handoff.claim',
      'handoff.release',
      'handoff.resolve',
      'flow.create',
      'flow.update',
      'flow.publish',
      'flow.unpublish',
      'member.changeRole',
      'member.setActive',
      'member.setCoverage',
      'member.transferOwnership',
      'account.setSeatLimits',
      'invite.create',
      'invite.revoke',
      'walk.takeOver',
    ];
    const engineerRefused = [
      'member.changeRole',
      'member.setActive',
      'member.setCoverage',
      'member.transferOwnership',
      'account.setSeatLimits',
      'invite.create',
      'invite.revoke',
      'ticket.intake',
      'ticket.escalateWithoutWalk',
      'ticket.startWalk',
    ];
    for (const [session, names, who] of [
      [l1, l1Refused, 'l1'],
      [senior, engineerRefused, 'engineer'],
    ] as const) {
      for (const c of referenceCases(nw, nwDriver()).filter(x => names.includes(x.name))) {
        const args = c.name === 'member.setCoverage' ? {...c.args, memberId: world.sessions['cover@northwind.test'].context.userId} : c.args;
        const {result} = await push(session, {...c, args});
        const ok = codeOf(result) === 'forbidden';
        count(`${c.name}: ${who}`, ok);
        if (!ok) failures.push(`${who} ${c.name}: ${codeOf(result)} ${(result as {message?: string})?.message ?? ''}`);
      }
    }
    expect(failures).toEqual([]);
    expect(changedTables(before, await dbFingerprint(stack.sql))).toEqual([]);
  });

  describe('named queries', () => {
    let clients: {email: string; zero: TandemZero}[] = [];
    beforeAll(() => {
      clients = ['owner@contoso.test', 'engineer@contoso.test'].map(email => ({email, zero: zeroClient(stack.zeroUrl, world.sessions[email])}));
    });
    afterAll(async () => {
      await Promise.all(clients.map(c => c.zero.close()));
    });

    const namedQueries = (r: AccountRows) => [
      queries.ticket.list({}),
      queries.ticket.list({limit: 500}),
      queries.ticket.byId({ticketId: r.ticketId}),
      queries.ticket.search({}),
      queries.ticket.search({text: 'Outlook', limit: 500}),
      queries.ticket.search({text: 'Fabrikam', status: 'walking', assigneeId: r.memberId}),
      queries.customer.search({text: ''}),
      queries.customer.search({text: 'Fabrikam'}),
      queries.customer.byId({customerId: r.customerId}),
      queries.walk.byId({walkId: r.walkId}),
      queries.walk.byId({walkId: r.escalatedWalkId}),
      // The walker page's flat queries (queries/walk-page.ts).
      ...[r.walkId, r.escalatedWalkId].flatMap(walkId => [
        queries.walk.header({walkId}),
        queries.walk.steps({walkId}),
        queries.walk.lane({walkId}),
        queries.walk.presence({walkId}),
        queries.walk.handoffs({walkId}),
        queries.walk.generated({walkId}),
      ]),
      queries.walk.active(),
      queries.walk.live(),
      queries.member.me(),
      queries.member.list(),
      queries.flow.list(),
      queries.flow.byId({flowId: r.flowId}),
      queries.flow.proposals(),
      queries.handoff.queue(),
      queries.handoff.byId({handoffId: r.handoffId}),
      queries.handoff.mine(),
      queries.account.current(),
      queries.inbox.mine(),
      queries.inbox.unread(),
      queries.invite.list(),
    ];

    it('cover every named query', () => {
      const asked = new Set(namedQueries(nw).map(queryName));
      expect([...asked].sort()).toEqual(registryNames(queries as unknown as Record<string, unknown>).sort());
    });

    it('Contoso’s real Zero clients, asking with Northwind’s ids, sync nothing of Northwind', async () => {
      const northwindIds = [
        NORTHWIND.id,
        ...Object.values(nw),
        ...Object.values(world.sessions)
          .filter(s => s.context.accountId === NORTHWIND.id)
          .map(s => s.context.userId),
      ];
      const failures: string[] = [];
      for (const {email, zero} of clients) {
        for (const q of namedQueries(nw)) {
          const result = await zero.run(q as never, {type: 'complete'});
          const synced = JSON.stringify(result ?? null);
          const leaked = northwindIds.filter(id => synced.includes(id));
          const name = queryName(q);
          count(`query ${name}: other account's ids`, leaked.length === 0);
          if (leaked.length) failures.push(`${email} ${name}: leaked ${leaked.join(', ')}`);
        }
        // Their own account does sync (the check above is not vacuous).
        const own = await zero.run(queries.walk.byId({walkId: co.walkId}), {type: 'complete'});
        expect(own?.id).toBe(co.walkId);
      }
      expect(failures).toEqual([]);
    });

    it('the query endpoint scopes every named query to the caller’s account (and admin queries to owners)', async () => {
      const failures: string[] = [];
      const ask = async (session: Session, list: ReturnType<typeof namedQueries>) => {
        const body = ['transform', list.map((q, i) => ({id: `q${i}`, name: queryName(q), args: queryArgs(q)}))];
        const answer = await postRaw(stack.appUrl, 'query', {token: session.token}, JSON.stringify(body));
        return answer;
      };
      for (const email of ['owner@contoso.test', 'engineer@contoso.test']) {
        const answer = await ask(world.sessions[email], namedQueries(nw));
        const text = answer.text;
        const ok = answer.status === 200 && !text.includes(NORTHWIND.id) && text.includes(CONTOSO.id);
        count('query endpoint: other account', ok);
        if (!ok) failures.push(`${email}: ${answer.status} ${text.slice(0, 300)}`);
      }
      expect(failures).toEqual([]);
    });
  });

  it('the audit log over HTTP: Contoso’s owner reads only Contoso’s entries, and a Northwind id in a filter answers like a missing one', async () => {
    const failures: string[] = [];
    const get = (session: Session, params: Record<string, string> = {}) =>
      fetch(`${stack.appUrl}/api/audit?${new URLSearchParams(params)}`, {headers: {authorization: `Bearer ${session.token}`}});
    const owner = world.sessions['owner@contoso.test'];
    const northwindIds = [
      NORTHWIND.id,
      ...Object.values(nw),
      ...Object.values(world.sessions)
        .filter(s => s.context.accountId === NORTHWIND.id)
        .map(s => s.context.userId),
    ];
    const all = await get(owner, {limit: '10000'});
    const text = await all.text();
    const leaked = northwindIds.filter(id => text.includes(id));
    count("GET /api/audit: other account's entries", all.status === 200 && leaked.length === 0);
    if (all.status !== 200 || leaked.length) failures.push(`everything: ${all.status}, leaked ${leaked.join(', ')}`);
    // Not vacuous: Contoso's own entries are there.
    expect((JSON.parse(text) as {entries: {subject_id: string}[]}).entries.map(e => e.subject_id)).toContain(co.ticketId);
    for (const id of northwindIds) {
      for (const field of ['subjectId', 'actorId']) {
        const theirs = await get(owner, {[field]: id});
        const missing = await get(owner, {[field]: crypto.randomUUID()});
        const [a, b] = [await theirs.text(), await missing.text()];
        const ok = theirs.status === 200 && missing.status === 200 && a === b && !northwindIds.some(x => a.includes(x));
        count(`GET /api/audit: other account's ${field}`, ok);
        if (!ok) failures.push(`${field}=${id}: ${theirs.status} ${a.slice(0, 200)} vs missing ${missing.status} ${b.slice(0, 200)}`);
      }
    }
    // Everyone but an owner is refused, in either account.
    for (const email of ['engineer@contoso.test', 'senior@northwind.test', 'cover@northwind.test', 'l1@northwind.test', 'viewer@northwind.test']) {
      const res = await get(world.sessions[email], {subjectId: co.ticketId});
      const body = (await res.json()) as {error?: string};
      const ok = res.status === 403 && body.error === 'forbidden';
      count('GET /api/audit: not an owner', ok);
      if (!ok) failures.push(`${email}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });

  it('a deactivated member’s old session is refused everywhere; their open client writes nothing and a new one syncs nothing', {timeout: 120_000}, async () => {
    const victim = await signIn(stack.appUrl, 'l1b@northwind.test');
    const openClient = zeroClient(stack.zeroUrl, victim);
    try {
      await eventually(
        () => openClient.run(queries.member.list(), {type: 'complete'}),
        rows => rows.length > 0,
        30_000,
      );
      const owner = world.sessions['owner@northwind.test'];
      const off = await pushMutation(stack.appUrl, {token: owner.token}, 'member.setActive', {memberId: victim.context.userId, active: false});
      expect(off.result).toEqual({ok: true});
      const failures: string[] = [];
      const refused = async (what: string, res: {status: number}) => {
        count(`deactivated session: ${what}`, res.status === 401);
        if (res.status !== 401) failures.push(`${what}: ${res.status}`);
      };
      await refused('GET /api/session (bearer)', await fetch(`${stack.appUrl}/api/session`, {headers: {authorization: `Bearer ${victim.token}`}}));
      await refused('GET /api/session (cookie)', await fetch(`${stack.appUrl}/api/session`, {headers: {cookie: victim.cookie}}));
      await refused('GET /api/audit (bearer)', await fetch(`${stack.appUrl}/api/audit`, {headers: {authorization: `Bearer ${victim.token}`}}));
      await refused(
        'mutate (bearer)',
        await pushMutation(stack.appUrl, {token: victim.token}, 'walk.updateNotes', {walkId: nw.walkId, notes: 'still here'}).then(r => r.answer),
      );
      await refused(
        'mutate (cookie)',
        await pushMutation(stack.appUrl, {cookie: victim.cookie, origin: stack.appUrl}, 'walk.updateNotes', {walkId: nw.walkId, notes: 'still here'}).then(
          r => r.answer,
        ),
      );
      await refused(
        'query (bearer)',
        await postRaw(stack.appUrl, 'query', {token: victim.token}, JSON.stringify(['transform', [{id: 'q', name: 'ticket.list', args: [{}]}]])),
      );

      // The still-open client can write nothing.
      const ticketId = crypto.randomUUID();
      // (zero-cache's push is answered 401: the client's write never confirms.)
      const write = await Promise.race([
        openClient
          .mutate(mutators.ticket.intake({ticketId, walkId: crypto.randomUUID(), problemStatement: 'after deactivation'}))
          .server.catch(() => ({type: 'error'})),
        new Promise<{type: 'unconfirmed'}>(r => setTimeout(() => r({type: 'unconfirmed'}), 6_000)),
      ]);
      const written = (await stack.sql`select 1 from ticket where id = ${ticketId}`).length;
      count('deactivated session: open client writes', write.type !== 'success' && written === 0);
      if (write.type === 'success' || written) failures.push(`open client wrote after deactivation (${write.type}, rows ${written})`);

      // A new client with the old token syncs nothing.
      const reconnect = zeroClient(stack.zeroUrl, victim);
      try {
        const rows = await Promise.race([
          reconnect.run(queries.member.list(), {type: 'complete'}),
          new Promise<'timeout'>(r => setTimeout(() => r('timeout'), 6_000)),
        ]);
        const none = rows === 'timeout' || (Array.isArray(rows) && rows.length === 0);
        count('deactivated session: new client syncs', none);
        if (!none) failures.push(`a new client with the old token synced ${JSON.stringify(rows).slice(0, 200)}`);
      } finally {
        await reconnect.close();
      }
      expect(failures).toEqual([]);
    } finally {
      await openClient.close();
      await stack.sql`update member set active = true where id = ${victim.context.userId}`;
    }
  });
});
