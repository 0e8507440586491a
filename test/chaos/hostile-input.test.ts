import {isMutator} from '@rocicorp/zero';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {ERROR_CODES} from '../../rules/errors.ts';
import {argsValidatorOf} from '../../mutators/define.ts';
import {mutatorDefinitions, mutators} from '../../mutators/index.ts';
import {queries} from '../../queries/index.ts';
import {chaosFull, chaosSize, recordChaos} from '../support/chaos-report.ts';
import {changedTables, dbFingerprint, type Fingerprint} from '../support/db-fingerprint.ts';
import {accepts, hostileCase, sampleValid, seededRng, uuidFields, type ArgSchema, type Rng} from '../support/hostile-args.ts';
import {leaksInternals, mutationResultOf, postRaw, pushBody, PUSH_QUERY, type PushAnswer} from '../support/push.ts';
import {startTestStack, type TestStack} from '../support/stack.ts';
import {UNTHROTTLED} from '../support/unthrottled.ts';
import {buildWorld, type World} from '../support/tenant-world.ts';

/**
 * Hostile input through the real POST /api/zero/mutate: every mutator gets
 * generated arguments its validator must refuse, and other accounts' ids in
 * otherwise well-formed arguments; the endpoints get bodies that are not
 * Zero requests at all. Every answer must be a clean refusal with a stable
 * code (no 5xx, no stack trace, no source path, no SQL), and the database
 * must hold exactly what it held before.
 *
 * TANDEM_CHAOS_SEED replays a run (the seed is printed with every failure).
 */
const SEED = Number(process.env.TANDEM_CHAOS_SEED ?? (chaosFull ? Date.now() % 1e9 : 20261125));
const INVALID_PER_MUTATOR = chaosSize(6, 150);
const FOREIGN_PER_MUTATOR = chaosSize(2, 30);

type Leaf = {name: string; validator: ArgSchema};

function definitionLeaves(tree: Record<string, unknown>, prefix = ''): Leaf[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const name = prefix ? `${prefix}.${key}` : key;
    const def = value as {'~'?: string; validator?: Leaf['validator']};
    if (def['~'] === 'MutatorDefinition') return [{name, validator: argsValidatorOf(def) as ArgSchema}];
    return definitionLeaves(value as Record<string, unknown>, name);
  });
}

function registryNames(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    if (key === '~') return [];
    const name = prefix ? `${prefix}.${key}` : key;
    return isMutator(value) ? [name] : registryNames(value as Record<string, unknown>, name);
  });
}

const LEAVES = definitionLeaves(mutatorDefinitions as unknown as Record<string, unknown>);
const CODES = ERROR_CODES as readonly unknown[];

/** Why an answer is not a clean refusal, or undefined when it is. */
function dirty(answer: PushAnswer, expectedCodes: readonly unknown[]): string | undefined {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  const leak = leaksInternals(answer.text);
  if (leak) return `answer leaks a ${leak}: ${answer.text.slice(0, 300)}`;
  const result = mutationResultOf(answer);
  if (!result) return `not a mutate response: ${answer.status} ${answer.text.slice(0, 300)}`;
  if (result.ok) return 'accepted (expected a refusal)';
  if (result.kind !== 'app') return `not an application error: ${JSON.stringify(result.result).slice(0, 200)}`;
  if (!expectedCodes.includes(result.code)) return `code ${String(result.code)} (expected ${expectedCodes.join('|')}): ${result.message}`;
  return undefined;
}

describe('hostile input through the real mutate endpoint', () => {
  let stack: TestStack;
  let world: World;
  /** The database as it stood before the current test (each test compares against its own start). */
  let before: Fingerprint;

  beforeAll(async () => {
    // Thousands of requests from one session, on purpose: past the rate limits (tested in flood.test.ts).
    stack = await startTestStack({config: {zeroRateLimits: UNTHROTTLED}});
    world = await buildWorld(stack.appUrl, stack.sql);
  });
  beforeEach(async () => {
    before = await dbFingerprint(stack.sql);
  });
  afterAll(async () => stack?.dispose(), 60_000);

  const northwindCallers = () => ['owner@northwind.test', 'senior@northwind.test', 'cover@northwind.test', 'l1@northwind.test', 'viewer@northwind.test'];
  const tokenOf = (email: string) => ({token: world.sessions[email].token});

  /** Contoso's ids by the argument names that carry them. */
  function foreignIdFor(field: string, rng: Rng): string {
    const c = world.contoso;
    const byField: Record<string, string[]> = {
      walkId: [c.walkId, c.escalatedWalkId],
      ticketId: [c.ticketId],
      handoffId: [c.handoffId],
      flowId: [c.flowId],
      proposalId: [c.proposalId],
      memberId: [c.memberId, world.sessions['owner@contoso.test'].context.userId],
      itemId: [c.questionId, c.fixId],
      inviteId: [c.inviteId],
      entryId: [c.inboxEntryId],
    };
    return rng.pick(byField[field] ?? Object.values(byField).flat());
  }

  it('covers every mutator in the registry', () => {
    expect(LEAVES.map(l => l.name).sort()).toEqual(registryNames(mutators as unknown as Record<string, unknown>).sort());
  });

  describe.each(LEAVES.map(l => [l.name, l] as const))('%s', (name, leaf) => {
    it('refuses generated invalid arguments and other accounts’ ids cleanly, writing nothing', async () => {
      const rng = seededRng(SEED ^ [...name].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 7));
      const failures: string[] = [];
      let tried = 0;

      for (let i = 0; i < INVALID_PER_MUTATOR; i++) {
        let hostile = hostileCase(leaf.validator, rng);
        // The generator plants a defect the schema must refuse; skip the rare case where it did not.
        for (let tries = 0; tries < 5 && hostile.argsList.length && accepts(leaf.validator, hostile.argsList[0]); tries++) {
          hostile = hostileCase(leaf.validator, rng);
        }
        const caller = rng.pick(northwindCallers());
        const answer = await postRaw(stack.appUrl, 'mutate', tokenOf(caller), JSON.stringify(pushBody(name, undefined, {argsList: hostile.argsList})));
        tried++;
        const problem = dirty(answer, ['invalid_input']);
        if (problem) failures.push(`[seed ${SEED}] ${caller} ${hostile.defect}: ${problem}`);
      }

      const idFields = uuidFields(leaf.validator);
      for (let i = 0; i < FOREIGN_PER_MUTATOR && idFields.length; i++) {
        const args = sampleValid(leaf.validator, rng) as Record<string, unknown>;
        const field = rng.pick(idFields);
        args[field] = foreignIdFor(field, rng);
        const caller = rng.pick(northwindCallers());
        const answer = await postRaw(stack.appUrl, 'mutate', tokenOf(caller), JSON.stringify(pushBody(name, args)));
        tried++;
        const problem = dirty(answer, CODES);
        if (problem) failures.push(`[seed ${SEED}] ${caller} ${field} = Contoso's ${JSON.stringify(args).slice(0, 200)}: ${problem}`);
      }

      const changed = changedTables(before, await dbFingerprint(stack.sql));
      recordChaos({kind: 'hostile_input', name, tried, passed: tried - failures.length, lost: changed.length});
      expect(failures).toEqual([]);
      expect(changed, 'tables changed by refused calls').toEqual([]);
    });
  });

  it('GET /api/audit answers hostile query strings with a clean 400 invalid_input (or a clean answer), never internals', async () => {
    const owner = world.sessions['owner@northwind.test'];
    const injected = "' or 1=1 --";
    const cases: {query: string; status: number}[] = [
      ...['limit=-1', 'limit=0', 'limit=all', 'limit=1.5', 'limit=99999999', 'limit=', 'from=abc', 'from=1e309', 'to=-5', 'to=Infinity', 'from=NaN'].map(q => ({
        query: q,
        status: 400,
      })),
      {query: 'subjectType=audit_log', status: 400},
      {query: `subjectType=${encodeURIComponent(injected)}`, status: 400},
      {query: `subjectId=${'x'.repeat(5000)}`, status: 400},
      {query: `action=${'x'.repeat(101)}`, status: 400},
      {query: 'subjectId=%00', status: 400},
      {query: 'actorId=a%00b', status: 400},
      {query: 'subjectId=', status: 400},
      {query: 'before=garbage', status: 400},
      {query: 'before=1:', status: 400},
      {query: `before=${encodeURIComponent(`1:${injected}:x`)}`, status: 400},
      {query: 'account_id=x', status: 400},
      {query: '__proto__=x', status: 400},
      {query: 'constructor=x', status: 400},
      // Well-formed, naming nothing (or SQL as text): a clean, empty answer.
      {query: `subjectId=${encodeURIComponent(injected)}`, status: 200},
      {query: `actorId=${encodeURIComponent(injected)}`, status: 200},
      {query: `action=${encodeURIComponent(injected)}`, status: 200},
      {query: `before=${encodeURIComponent(`1:${injected}`)}`, status: 200},
      {query: `subjectId=${world.contoso.ticketId}`, status: 200},
      {query: 'from=9999999999999999&to=0', status: 200},
    ];
    const failures: string[] = [];
    for (const c of cases) {
      const res = await fetch(`${stack.appUrl}/api/audit?${c.query}`, {headers: {authorization: `Bearer ${owner.token}`}});
      const text = await res.text();
      const body = JSON.parse(text) as {error?: string; entries?: unknown[]};
      const clean = c.status === 400 ? body.error === 'invalid_input' : Array.isArray(body.entries) && body.entries.length === 0;
      if (res.status !== c.status || !clean || leaksInternals(text)) failures.push(`${c.query.slice(0, 60)}: ${res.status} ${text.slice(0, 200)}`);
    }
    recordChaos({kind: 'hostile_input', name: 'audit endpoint', tried: cases.length, passed: cases.length - failures.length, lost: 0});
    expect(failures).toEqual([]);
    expect(changedTables(before, await dbFingerprint(stack.sql))).toEqual([]);
  });

  describe('bodies that are not Zero requests', () => {
    const owner = () => tokenOf('owner@northwind.test');
    const valid = () => JSON.stringify(pushBody('member.setCoverage', {memberId: 'x', canCoverL1: true}));

    it('the mutate endpoint answers each with a 4xx JSON refusal and writes nothing', async () => {
      const crudInsert = {
        ...pushBody('_zero_crud', undefined, {
          argsList: [{ops: [{op: 'insert', tableName: 'ticket', primaryKey: ['id'], value: {id: crypto.randomUUID(), account_id: world.contoso.accountId}}]}],
        }),
      };
      crudInsert.mutations[0].type = 'crud';
      const deep = '['.repeat(20_000) + ']'.repeat(20_000);
      const cases: {what: string; body: string; contentType?: string | null; query?: string; status: number}[] = [
        {what: 'truncated JSON', body: valid().slice(0, 40), status: 400},
        {what: 'empty body', body: '', status: 400},
        {what: 'JSON null', body: 'null', status: 400},
        {what: 'a JSON array', body: '[]', status: 400},
        {what: 'a JSON string', body: '"push"', status: 400},
        {what: 'JSON with a trailing comma', body: '{"mutations": [],}', status: 400},
        {what: 'mutations not an array', body: JSON.stringify({...pushBody('x', {}), mutations: {}}), status: 400},
        {what: 'pushVersion 2', body: JSON.stringify({...pushBody('x', {}), pushVersion: 2}), status: 400},
        {what: 'mutation id as a string', body: JSON.stringify({...pushBody('x', {}), mutations: [{...pushBody('x', {}).mutations[0], id: '1'}]}), status: 400},
        {what: 'args not an array', body: JSON.stringify({...pushBody('x', {}), mutations: [{...pushBody('x', {}).mutations[0], args: {}}]}), status: 400},
        {what: "a CRUD mutation writing another account's ticket", body: JSON.stringify(crudInsert), status: 400},
        {
          what: 'deeply nested args',
          body: JSON.stringify(pushBody('walk.updateNotes', undefined, {argsList: []})).replace('"args":[]', `"args":[${deep}]`),
          status: 400,
        },
        {what: 'text/plain', body: valid(), contentType: 'text/plain', status: 415},
        {what: 'a form post', body: 'clientGroupID=x&mutations=1', contentType: 'application/x-www-form-urlencoded', status: 415},
        {what: 'multipart', body: valid(), contentType: 'multipart/form-data; boundary=x', status: 415},
        {what: 'no content type', body: valid(), contentType: null, status: 415},
        {what: 'no schema/appID', body: valid(), query: '', status: 400},
        {what: 'the public schema as upstream', body: valid(), query: 'schema=public&appID=zero', status: 400},
        {what: 'another app id', body: valid(), query: 'schema=zero_0&appID=evil', status: 400},
        {
          what: 'a body over 16 MB',
          body: JSON.stringify(pushBody('walk.updateNotes', {walkId: world.northwind.walkId, notes: 'x'.repeat(17 * 1024 * 1024)})),
          status: 413,
        },
      ];
      const failures: string[] = [];
      for (const c of cases) {
        const answer = await postRaw(stack.appUrl, 'mutate', owner(), c.body, {
          contentType: c.contentType === undefined ? 'application/json' : c.contentType,
          query: c.query ?? PUSH_QUERY,
        });
        const leak = leaksInternals(answer.text);
        const error = (answer.json as {error?: string} | undefined)?.error;
        if (answer.status !== c.status || !answer.contentType.includes('application/json') || error !== 'invalid_input' || leak) {
          failures.push(`${c.what}: ${answer.status} ${answer.contentType} ${answer.text.slice(0, 200)}`);
        }
      }
      // Signed out, the same bodies are answered 401 before anything is read.
      const anonymous = await postRaw(stack.appUrl, 'mutate', {}, 'not json');
      if (anonymous.status !== 401) failures.push(`anonymous: ${anonymous.status}`);

      recordChaos({
        kind: 'hostile_input',
        name: 'mutate endpoint: malformed bodies',
        tried: cases.length + 1,
        passed: cases.length + 1 - failures.length,
        lost: changedTables(before, await dbFingerprint(stack.sql)).length,
      });
      expect(failures).toEqual([]);
      expect(changedTables(before, await dbFingerprint(stack.sql))).toEqual([]);
    });

    it('names that are not mutators (inherited members, the registry tag, Zero internals) are unknown mutators', async () => {
      const names = [
        'constructor',
        '__proto__',
        'toString',
        '~',
        'walk',
        'walk.constructor',
        'walk.__proto__.constructor',
        '',
        'nope.nothing',
        '_zero_crud',
        'hasOwnProperty',
        'x'.repeat(5000),
      ];
      const failures: string[] = [];
      for (const name of names) {
        const answer = await postRaw(stack.appUrl, 'mutate', owner(), JSON.stringify(pushBody(name, {walkId: world.northwind.walkId})));
        const expected = name.length > 200 ? undefined : ['invalid_input'];
        const problem = expected ? dirty(answer, expected) : answer.status === 400 ? undefined : `${answer.status} ${answer.text.slice(0, 200)}`;
        if (problem) failures.push(`${JSON.stringify(name.slice(0, 40))}: ${problem}`);
      }
      recordChaos({
        kind: 'hostile_input',
        name: 'mutate endpoint: unknown mutator names',
        tried: names.length,
        passed: names.length - failures.length,
        lost: changedTables(before, await dbFingerprint(stack.sql)).length,
      });
      expect(failures).toEqual([]);
    });

    it('an out-of-order mutation id gets Zero’s own refusal, without internals, and writes nothing', async () => {
      const body = pushBody('walk.updateNotes', {walkId: world.northwind.walkId, notes: 'sneaky'});
      body.mutations[0].id = 7;
      const answer = await postRaw(stack.appUrl, 'mutate', owner(), JSON.stringify(body));
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({kind: 'PushFailed'});
      expect(leaksInternals(answer.text)).toBeUndefined();
      expect(changedTables(before, await dbFingerprint(stack.sql))).toEqual([]);
    });

    it('the query endpoint answers malformed requests with a 4xx JSON refusal, and hostile query names and args cleanly', async () => {
      const failures: string[] = [];
      const bodies: {what: string; body: string; contentType?: string; status: number}[] = [
        {what: 'truncated JSON', body: '["transform", [{"id": ', status: 400},
        {what: 'not a transform', body: JSON.stringify(['push', []]), status: 400},
        {what: 'queries not an array', body: JSON.stringify(['transform', {}]), status: 400},
        {what: 'text/plain', body: JSON.stringify(['transform', []]), contentType: 'text/plain', status: 415},
      ];
      for (const c of bodies) {
        const answer = await postRaw(stack.appUrl, 'query', owner(), c.body, {contentType: c.contentType ?? 'application/json'});
        if (answer.status !== c.status || (answer.json as {error?: string})?.error !== 'invalid_input' || leaksInternals(answer.text)) {
          failures.push(`${c.what}: ${answer.status} ${answer.text.slice(0, 200)}`);
        }
      }
      const rng = seededRng(SEED);
      const queryNames = registryQueryNames(queries as unknown as Record<string, unknown>);
      const requests = [
        ...['constructor', '__proto__', '~', 'walk.constructor', 'nope'].map(name => ({name, args: []})),
        ...queryNames.flatMap(name =>
          Array.from({length: chaosSize(3, 40)}, () => ({
            name,
            args: [
              rng.pick<unknown>([
                null,
                42,
                'x',
                [],
                {limit: -1},
                {limit: 'all'},
                {walkId: "' or 1=1 --"},
                {flowId: {$ne: null}},
                {actorId: 'x'.repeat(100_000)},
                {handoffId: world.contoso.handoffId},
              ]),
            ],
          })),
        ),
      ];
      const answer = await postRaw(stack.appUrl, 'query', owner(), JSON.stringify(['transform', requests.map((r, i) => ({id: `q${i}`, ...r}))]));
      if (answer.status !== 200 || leaksInternals(answer.text)) failures.push(`hostile named queries: ${answer.status} ${answer.text.slice(0, 300)}`);
      recordChaos({
        kind: 'hostile_input',
        name: 'query endpoint',
        tried: bodies.length + requests.length,
        passed: bodies.length + requests.length - failures.length,
        lost: 0,
      });
      expect(failures).toEqual([]);
    });
  });
});

function registryQueryNames(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    if (key === '~') return [];
    const name = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'function' ? [name] : registryQueryNames(value as Record<string, unknown>, name);
  });
}
