/**
 * Talks to POST /api/zero/mutate the way zero-cache does (Zero's push
 * protocol, pushVersion 1), so tests can send what no Zero client would:
 * hostile arguments, other tenants' ids, broken bodies.
 */

import {ZERO_APP_ID, ZERO_UPSTREAM_SCHEMA} from '../../server/zero-cache/zero-app.ts';

/** The upstream shard zero-cache uses (app id `zero`, shard 0). */
export const PUSH_QUERY = `schema=${ZERO_UPSTREAM_SCHEMA}&appID=${ZERO_APP_ID}`;

export type Credentials = {token: string} | {cookie: string; origin?: string} | Record<string, never>;

export type PushAnswer = {status: number; text: string; json: unknown; contentType: string};

export type MutationResult =
  | {ok: true}
  | {ok: false; kind: 'app'; code: unknown; message: string; details: Record<string, unknown>}
  | {ok: false; kind: 'other'; result: unknown};

function authHeaders(credentials: Credentials): Record<string, string> {
  if ('token' in credentials) return {authorization: `Bearer ${credentials.token}`};
  if ('cookie' in credentials) return {cookie: credentials.cookie, ...(credentials.origin ? {origin: credentials.origin} : {})};
  return {};
}

/** A push holding one custom mutation of a client (Zero's push protocol, pushVersion 1). */
function pushOf(clientGroupID: string, clientID: string, id: number, name: string, argsList: unknown[]) {
  return {
    clientGroupID,
    mutations: [{type: 'custom', id, clientID, name, args: argsList, timestamp: Date.now()}],
    pushVersion: 1,
    timestamp: Date.now(),
    requestID: crypto.randomUUID(),
  };
}

/** One push holding one custom mutation, from a fresh client (so its mutation id is 1). */
export function pushBody(name: string, args: unknown, {argsList}: {argsList?: unknown[]} = {}) {
  return pushOf(`fuzz-group-${crypto.randomUUID()}`, `fuzz-${crypto.randomUUID()}`, 1, name, argsList ?? [args]);
}

/** Posts a raw body (string or JSON value) to the mutate or query endpoint. */
export async function postRaw(
  appUrl: string,
  endpoint: 'mutate' | 'query',
  credentials: Credentials,
  body: string,
  {contentType = 'application/json', query = PUSH_QUERY, headers = {}}: {contentType?: string | null; query?: string; headers?: Record<string, string>} = {},
): Promise<PushAnswer> {
  const res = await fetch(`${appUrl}/api/zero/${endpoint}${query ? `?${query}` : ''}`, {
    method: 'POST',
    headers: {...(contentType ? {'content-type': contentType} : {}), ...authHeaders(credentials), ...headers},
    body,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {status: res.status, text, json, contentType: res.headers.get('content-type') ?? ''};
}

/** Pushes one mutation and reads its result. */
export async function pushMutation(appUrl: string, credentials: Credentials, name: string, args: unknown) {
  const answer = await postRaw(appUrl, 'mutate', credentials, JSON.stringify(pushBody(name, args)));
  return {answer, result: mutationResultOf(answer)};
}

export function mutationResultOf(answer: PushAnswer): MutationResult | undefined {
  const body = answer.json as {kind?: string; mutations?: {result: Record<string, unknown>}[]} | undefined;
  if (answer.status !== 200 || body?.kind !== 'MutateResponse' || body.mutations?.length !== 1) return undefined;
  const result = body.mutations[0].result;
  if (!('error' in result)) return {ok: true};
  if (result.error === 'app') {
    const details = (result.details ?? {}) as Record<string, unknown>;
    return {ok: false, kind: 'app', code: details.code, message: String(result.message), details};
  }
  return {ok: false, kind: 'other', result};
}

/** Signs of leaked internals in an answer: stack frames, source paths, SQL. */
export function leaksInternals(text: string): string | undefined {
  const patterns: [string, RegExp][] = [
    ['stack frame', /\bat [\w.$<>]+ \(|\n\s+at /],
    ['source path', /(\/[\w.-]+)+\.(ts|js|mjs|cjs)\b|node_modules|file:\/\//],
    ['SQL', /\b(syntax error at or near|violates (foreign key|unique|check|not-null) constraint|relation "[^"]+" does not exist)\b/i],
  ];
  for (const [what, re] of patterns) if (re.test(text)) return what;
  return undefined;
}

/** A client of the mutate endpoint that keeps its ids: mutations 1, 2, 3 … like a real Zero client. */
export type PushClient = {
  clientGroupID: string;
  clientID: string;
  /**
   * Sends the next mutation (ids 1, 2, 3 … per client), or mutation `id`
   * again (as zero-cache does after a failed push); answers the endpoint's
   * status and JSON.
   */
  push: (name: string, args: unknown, options?: {id?: number}) => Promise<{status: number; body: PushResponse}>;
};

export type PushResponse = {
  kind?: string;
  mutations?: {id: {clientID: string; id: number}; result: {error?: string; message?: string}}[];
  message?: string;
};

export function pushClient(appUrl: string, token: string): PushClient {
  const clientGroupID = crypto.randomUUID();
  const clientID = crypto.randomUUID();
  let nextId = 1;
  return {
    clientGroupID,
    clientID,
    async push(name, args, {id = nextId} = {}) {
      nextId = Math.max(nextId, id + 1);
      const answer = await postRaw(appUrl, 'mutate', {token}, JSON.stringify(pushOf(clientGroupID, clientID, id, name, [args])));
      return {status: answer.status, body: answer.json as PushResponse};
    },
  };
}
