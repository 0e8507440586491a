import type {Context} from 'hono';
import * as v from 'valibot';
import {ZERO_APP_ID, ZERO_UPSTREAM_SCHEMA} from '../zero-cache/zero-app.ts';

/** Largest push or query request accepted (a batch of queued changes with big notes fits easily). */
export const MAX_ZERO_BODY_BYTES = 16 * 1024 * 1024;

/** Deeper JSON than any Tandem request needs; Zero's recursive checks would overflow on far deeper. */
export const MAX_JSON_DEPTH = 64;

const json = v.custom<unknown>(() => true);

/** Whether `value` nests deeper than `limit` (iteratively: no recursion to overflow). */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Zero's push body (pushVersion 1), checked before Zero's own processing sees it. */
const pushBody = v.object({
  clientGroupID: v.pipe(v.string(), v.maxLength(200)),
  mutations: v.pipe(
    v.array(
      v.object({
        type: v.literal('custom'),
        id: v.pipe(v.number(), v.integer(), v.minValue(0)),
        clientID: v.pipe(v.string(), v.maxLength(200)),
        name: v.pipe(v.string(), v.maxLength(200)),
        args: v.array(json),
        timestamp: v.number(),
      }),
    ),
    v.maxLength(10_000),
  ),
  pushVersion: v.literal(1),
  schemaVersion: v.optional(v.number()),
  timestamp: v.number(),
  requestID: v.string(),
});

/** Zero's query transform request: ['transform', [{id, name, args}]]. */
const queryBody = v.tuple([
  v.literal('transform'),
  v.pipe(v.array(v.object({id: v.string(), name: v.pipe(v.string(), v.maxLength(200)), args: v.array(json)})), v.maxLength(10_000)),
]);

type Refusal = {status: 400 | 413 | 415; message: string};

/**
 * Reads and checks a request zero-cache sends to /api/zero/mutate or
 * /api/zero/query. Anything else (wrong content type, a body that is not
 * JSON or not Zero's shape, a foreign upstream schema, an oversized body)
 * is refused here with a 4xx and a plain sentence, before Zero's handlers,
 * which would otherwise answer 200 with their parser's internals.
 */
export async function readZeroRequest(
  c: Context,
  kind: 'push' | 'query',
): Promise<{ok: true; body: unknown; query: Record<string, string>} | ({ok: false} & Refusal)> {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    return {ok: false, status: 415, message: 'Send JSON (Content-Type: application/json).'};
  }
  const length = Number(c.req.header('content-length') ?? 0);
  if (length > MAX_ZERO_BODY_BYTES) return {ok: false, status: 413, message: 'The request body is too large.'};
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_ZERO_BODY_BYTES) return {ok: false, status: 413, message: 'The request body is too large.'};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {ok: false, status: 400, message: 'The request body is not valid JSON.'};
  }
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) return {ok: false, status: 400, message: 'The request body nests too deeply.'};
  const query = c.req.query();
  if (kind === 'push') {
    if (query.schema !== ZERO_UPSTREAM_SCHEMA || query.appID !== ZERO_APP_ID) {
      return {ok: false, status: 400, message: 'Unknown Zero app or upstream schema.'};
    }
    if (!v.is(pushBody, body)) return {ok: false, status: 400, message: 'The body is not a Zero push (pushVersion 1).'};
  } else if (!v.is(queryBody, body)) {
    return {ok: false, status: 400, message: 'The body is not a Zero query request.'};
  }
  return {ok: true, body, query};
}
