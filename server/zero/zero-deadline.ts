import type {Context} from 'hono';
import {createMiddleware} from 'hono/factory';
import * as v from 'valibot';
import {isTransientDatabaseError} from '../db/transient-db-errors.ts';

/** How long zero-cache waits for an answer to a push or a query request (TANDEM_ZERO_DEADLINE_MS). */
export const DEFAULT_ZERO_DEADLINE_MS = 10_000;

/** A route behind the deadline reads `c.get('deadline')`: aborted once the request has been answered "unavailable". */
export type Deadlined = {Variables: {deadline: AbortSignal}};

export class DeadlinePassedError extends Error {
  constructor(ms: number) {
    super(`The database did not answer within ${ms} ms; the request was answered as an outage.`);
    this.name = 'DeadlinePassedError';
  }
}

/** Just the mutation ids of a push body (the full check is readZeroRequest's). */
const pushIds = v.object({mutations: v.array(v.object({id: v.number(), clientID: v.string()}))});

/**
 * Makes POST /api/zero/mutate and /api/zero/query answer within `ms`, whatever
 * the database does (down, restarting, or hanging with no error). zero-cache
 * sends a client group's pushes one at a time and waits for each answer
 * (its own wait is minutes), so one request that never answers would stop
 * every later change of that group, and a query request that never answers
 * holds the group's view syncer.
 *
 * When the time is up, or the session look-up or a mutation's transaction
 * met a database outage:
 * - a push is answered PushFailed (origin server, reason database) naming
 *   its mutations: zero-cache tells those clients, which reconnect (see
 *   client/zero/keep-connected.ts) and push the same mutations again;
 *   lastMutationID and the change ledger apply each once, in order;
 * - a query request is answered 503, which zero-cache retries and then
 *   reports to the client as a failed transform (it reconnects the same way).
 * The request's work is told through `c.get('deadline')`, so that nothing
 * is applied after the answer said "not applied" (server/db/transient-db-errors.ts).
 */
export function zeroDeadline(kind: 'push' | 'query', ms: number) {
  return createMiddleware<Deadlined>(async (c, next) => {
    const deadline = new AbortController();
    c.set('deadline', deadline.signal);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<'expired'>(resolve => {
      timer = setTimeout(() => resolve('expired'), ms);
    });
    const handled = next().then(() => 'handled' as const);
    // Past the deadline nobody waits for it any more; its end is of no interest.
    handled.catch(() => {});
    try {
      const outcome = await Promise.race([handled, expired]);
      // Hono's error handler has already turned an error into a 500; an outage is answered as one instead.
      if (outcome === 'handled' && !(c.error && isTransientDatabaseError(c.error))) return;
    } finally {
      clearTimeout(timer);
    }
    deadline.abort(new DeadlinePassedError(ms));
    c.error = undefined;
    // Read now (Hono keeps it): the request's work, still waiting, reads it later, when the request is gone.
    const body = await c.req.text().catch(() => '');
    // Set, not returned: after an error, Hono keeps the error handler's answer over a returned one.
    c.res = kind === 'push' ? pushFailed(c, body) : queryUnavailable(c);
  });
}

function pushFailed(c: Context, text: string) {
  let mutationIDs: {id: number; clientID: string}[] = [];
  try {
    const body = JSON.parse(text) as unknown;
    if (v.is(pushIds, body)) mutationIDs = body.mutations.map(m => ({id: m.id, clientID: m.clientID}));
  } catch {
    // Not a readable push: nothing to name.
  }
  // zero-cache tells only the clients named here; with none, nobody would learn that the push failed.
  if (!mutationIDs.length) return queryUnavailable(c);
  return c.json({
    kind: 'PushFailed',
    origin: 'server',
    reason: 'database',
    message: 'The database is unavailable; the changes were not applied and will be pushed again.',
    mutationIDs,
  });
}

function queryUnavailable(c: Context) {
  return c.json({error: 'internal', message: 'The database is unavailable; try again shortly.'}, 503, {'Retry-After': '1'});
}
