import {Zero, json, number, string, table} from '@rocicorp/zero';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {auditSentence} from '../../client/features/team/audit-sentences.ts';
import type {AuditEntry, AuditPageAnswer} from '../../rules/audit-log.ts';
import {queries} from '../../queries/index.ts';
import {schema} from '../../schema/index.ts';
import {CONTOSO, NORTHWIND} from '../../server/seed/demo-people.ts';
import {postRaw} from '../support/push.ts';
import {demoContext, serverMutator} from '../support/server-mutate.ts';
import {signIn, type Session} from '../support/sign-in.ts';
import {startTestStack, type TestStack} from '../support/stack.ts';
import {eventually, zeroClient} from '../support/zero-client.ts';

/**
 * The audit log is not synced (migrations/00021_audit_log_unsynced): the
 * owner's page reads it from GET /api/audit. Owners only, their own account
 * only, filtered and paged newest first, each entry with what its sentence
 * names; and no Zero client can sync it any more.
 */
describe('the audit log over HTTP', () => {
  let stack: TestStack;
  const sessions: Record<string, Session> = {};
  const text = (parts: ReturnType<typeof auditSentence>) => parts.map(p => (typeof p === 'string' ? p : p.label)).join(' ');

  beforeAll(async () => {
    stack = await startTestStack();
    for (const email of ['owner@northwind.test', 'senior@northwind.test', 'l1@northwind.test', 'viewer@northwind.test', 'owner@contoso.test']) {
      sessions[email] = await signIn(stack.appUrl, email);
    }
  }, 240_000);
  afterAll(async () => stack?.dispose(), 60_000);

  const get = (email: string | null, params: Record<string, string | number> = {}) =>
    fetch(`${stack.appUrl}/api/audit?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`, {
      headers: email ? {authorization: `Bearer ${sessions[email].token}`} : {},
    });
  const page = async (email: string, params: Record<string, string | number> = {}): Promise<AuditPageAnswer> => {
    const res = await get(email, params);
    expect(res.status).toBe(200);
    return (await res.json()) as AuditPageAnswer;
  };
  /** Rows written straight into the log (a long history, at chosen times). */
  const plant = async (accountId: string, actorId: string, rows: {subjectType: string; subjectId: string; action: string; at: number}[]) => {
    const ids: string[] = [];
    for (const r of rows) {
      const id = crypto.randomUUID();
      ids.push(id);
      await stack.sql`insert into audit_log (id, account_id, actor_user_id, action, subject_type, subject_id, acting_as, details, at)
        values (${id}, ${accountId}, ${actorId}, ${r.action}, ${r.subjectType}, ${r.subjectId}, 'self', null, ${r.at})`;
    }
    return ids;
  };

  it('is for owners only: everyone else is refused with forbidden, a signed-out caller with 401', async () => {
    for (const email of ['senior@northwind.test', 'l1@northwind.test', 'viewer@northwind.test']) {
      const res = await get(email);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({error: 'forbidden'});
    }
    expect((await get(null)).status).toBe(401);
    expect((await get('owner@northwind.test')).status).toBe(200);
  });

  it('answers each entry with its actor and subject, as the page’s sentences need them', async () => {
    const mutate = serverMutator(stack.sql);
    const l1 = demoContext('l1@northwind.test');
    const senior = demoContext('senior@northwind.test');
    const ticketId = crypto.randomUUID();
    const walkId = crypto.randomUUID();
    expect(await mutate(l1, 'ticket.intake', {ticketId, walkId, problemStatement: 'Scanner saves nothing', flowId: null})).toEqual({ok: true});
    expect(await mutate(senior, 'walk.takeOver', {walkId, expectedDriverId: l1.userId})).toEqual({ok: true});
    const [{ref}] = await stack.sql`select ref from ticket where id = ${ticketId}`;

    const {entries, actions} = await page('owner@northwind.test');
    const tookOver = entries.find(e => e.action === 'walk.takeOver' && e.subject_id === walkId) as AuditEntry;
    expect(tookOver.actor).toEqual({id: senior.userId, name: 'Sam Senior'});
    expect(tookOver.subjectWalk).toEqual({id: walkId, ticket: {id: ticketId, ref}});
    expect(text(auditSentence(tookOver, () => undefined))).toBe(`took over the walk on ${ref}`);
    const intake = entries.find(e => e.action === 'ticket.intake' && e.subject_id === ticketId) as AuditEntry;
    expect(intake.subjectTicket).toEqual({id: ticketId, ref});
    expect(intake.actor?.name).toBe('Lee Linden');
    expect(actions).toEqual(expect.arrayContaining(['ticket.intake', 'walk.takeOver']));
    // Details are stored as JSON objects (not as a JSON string) and read back as such.
    expect(await mutate(demoContext('owner@northwind.test'), 'member.setCoverage', {memberId: senior.userId, canCoverL1: true})).toEqual({ok: true});
    const [{kind}] = await stack.sql`select jsonb_typeof(details) as kind from audit_log where action = 'member.setCoverage' order by at desc limit 1`;
    expect(kind).toBe('object');
    const coverage = (await page('owner@northwind.test', {action: 'member.setCoverage'})).entries[0];
    expect(coverage.details).toEqual({canCoverL1: true});
    expect(text(auditSentence(coverage, () => undefined))).toBe('let Sam Senior cover L1');
    // Newest first.
    expect(entries.map(e => e.at)).toEqual([...entries.map(e => e.at)].sort((a, b) => b - a));
  });

  it('never answers another account’s entries; another account’s id in a filter answers exactly like a missing one', async () => {
    const contosoOwner = demoContext('owner@contoso.test');
    const contosoSubject = crypto.randomUUID();
    await plant(CONTOSO.id, contosoOwner.userId, [{subjectType: 'ticket', subjectId: contosoSubject, action: 'ticket.close', at: Date.now()}]);
    const northwind = await page('owner@northwind.test', {limit: 10_000});
    expect(northwind.entries.length).toBeGreaterThan(0);
    const all = JSON.stringify(northwind);
    expect(all).not.toContain(contosoSubject);
    expect(all).not.toContain(contosoOwner.userId);
    expect(all).not.toContain(CONTOSO.id);
    // Contoso's owner sees their entry (the filter is not vacuous), Northwind's owner never does.
    expect((await page('owner@contoso.test', {subjectId: contosoSubject})).entries).toHaveLength(1);
    for (const [field, theirs] of [
      ['subjectId', contosoSubject],
      ['actorId', contosoOwner.userId],
      ['subjectId', CONTOSO.id],
    ] as const) {
      const foreign = await get('owner@northwind.test', {[field]: theirs});
      const missing = await get('owner@northwind.test', {[field]: crypto.randomUUID()});
      expect(foreign.status).toBe(missing.status);
      expect(await foreign.text()).toBe(await missing.text());
    }
  });

  it('filters by who, what, what about (a kind, or one subject) and time', async () => {
    const owner = demoContext('owner@northwind.test');
    const senior = demoContext('senior@northwind.test');
    const subject = crypto.randomUUID();
    const base = Date.UTC(2024, 0, 10);
    const day = 24 * 60 * 60 * 1000;
    await plant(NORTHWIND.id, owner.userId, [
      {subjectType: 'handoff', subjectId: subject, action: 'handoff.claim', at: base},
      {subjectType: 'handoff', subjectId: subject, action: 'handoff.release', at: base + day},
      {subjectType: 'handoff', subjectId: subject, action: 'handoff.claim', at: base + 2 * day},
    ]);
    await plant(NORTHWIND.id, senior.userId, [{subjectType: 'handoff', subjectId: subject, action: 'handoff.resolve', at: base + 3 * day}]);
    const actionsOf = (p: AuditPageAnswer) => p.entries.map(e => e.action);
    expect(actionsOf(await page('owner@northwind.test', {subjectId: subject}))).toEqual(['handoff.resolve', 'handoff.claim', 'handoff.release', 'handoff.claim']);
    expect(actionsOf(await page('owner@northwind.test', {subjectId: subject, action: 'handoff.claim'}))).toEqual(['handoff.claim', 'handoff.claim']);
    expect(actionsOf(await page('owner@northwind.test', {subjectId: subject, actorId: senior.userId}))).toEqual(['handoff.resolve']);
    // `from` inclusive, `to` exclusive.
    expect(actionsOf(await page('owner@northwind.test', {subjectId: subject, from: base + day, to: base + 3 * day}))).toEqual(['handoff.claim', 'handoff.release']);
    const handoffs = await page('owner@northwind.test', {subjectType: 'handoff', limit: 10_000});
    expect(handoffs.entries.length).toBeGreaterThanOrEqual(4);
    expect(handoffs.entries.every(e => e.subject_type === 'handoff')).toBe(true);
    expect((await page('owner@northwind.test', {subjectType: 'member', subjectId: subject})).entries).toEqual([]);
    // Bad filters are refused, not ignored.
    const bads: Record<string, string | number>[] = [
      {subjectType: 'audit_log'},
      {from: 'yesterday'},
      {limit: 0},
      {limit: 100_000},
      {before: 'nope'},
      {colour: 'red'},
    ];
    for (const bad of bads) {
      const res = await get('owner@northwind.test', bad);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({error: 'invalid_input'});
    }
  });

  it('pages past the newest 200 with a cursor, newest first, each entry exactly once (equal times included)', async () => {
    const owner = demoContext('owner@northwind.test');
    const subject = crypto.randomUUID();
    const at = Date.UTC(2023, 5, 1);
    // 450 entries, five to each millisecond: the cursor must break ties.
    const ids = await plant(
      NORTHWIND.id,
      owner.userId,
      Array.from({length: 450}, (_, i) => ({subjectType: 'walk', subjectId: subject, action: 'walk.recordStep', at: at + Math.floor(i / 5)})),
    );
    const seen: AuditEntry[] = [];
    const sizes: number[] = [];
    let before: string | null = null;
    do {
      const p: AuditPageAnswer = await page('owner@northwind.test', {subjectId: subject, ...(before ? {before} : {})});
      sizes.push(p.entries.length);
      seen.push(...p.entries);
      before = p.next;
    } while (before);
    expect(sizes).toEqual([200, 200, 50]);
    expect(new Set(seen.map(e => e.id)).size).toBe(450);
    expect([...seen.map(e => e.id)].sort()).toEqual([...ids].sort());
    const order = seen.map(e => [e.at, e.id] as const);
    expect(order).toEqual([...order].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0)));
    // A refresh of everything shown reads them all again at once.
    expect((await page('owner@northwind.test', {subjectId: subject, limit: 450})).next).toBeNull();
    expect((await page('owner@northwind.test', {subjectId: subject, limit: 449})).next).not.toBeNull();
  });

  it('is not synced: a Zero client whose schema still has audit_log is refused, the query endpoint has no audit.list', async () => {
    const owner = sessions['owner@northwind.test'];
    // Today's client syncs (the check below is not about a stack that is down).
    const current = zeroClient(stack.zeroUrl, owner);
    try {
      const me = await eventually(
        () => current.run(queries.member.me(), {type: 'complete'}),
        rows => !!rows,
        30_000,
      );
      expect(me).toBeTruthy();
    } finally {
      await current.close();
    }

    // A client built with the schema of before, audit_log and all.
    const auditLog = table('audit_log')
      .columns({
        id: string(),
        account_id: string(),
        actor_user_id: string(),
        action: string(),
        subject_type: string(),
        subject_id: string(),
        acting_as: string(),
        details: json().optional(),
        at: number(),
      })
      .primaryKey('id')
      .build();
    const oldSchema = {...schema, tables: {...schema.tables, audit_log: auditLog}};
    const reasons: {type: string; message?: string}[] = [];
    const old = new Zero({
      cacheURL: stack.zeroUrl,
      userID: owner.context.userId,
      auth: owner.token,
      context: owner.context,
      schema: oldSchema as never,
      kvStore: 'mem',
      logLevel: 'error',
      logSink: {log: () => {}},
      onUpdateNeeded: reason => void reasons.push(reason),
    });
    try {
      await eventually(
        () => reasons,
        r => r.length > 0,
        30_000,
      );
      expect(reasons[0].type).toBe('SchemaVersionNotSupported');
      expect(reasons[0].message).toContain('"audit_log" table does not exist or is not one of the replicated tables');
    } finally {
      await old.close();
    }

    const answer = await postRaw(stack.appUrl, 'query', {token: owner.token}, JSON.stringify(['transform', [{id: 'q', name: 'audit.list', args: [{}]}]]));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({queries: [{id: 'q', error: 'app'}]});
    expect(answer.text).not.toContain(NORTHWIND.id);
  });
});
