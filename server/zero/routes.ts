import {getQuery, isQuery} from '@rocicorp/zero';
import {handleMutateRequest, handleQueryRequest} from '@rocicorp/zero/server';
import {Hono} from 'hono';
import {queries} from '../../queries/index.ts';
import {schema} from '../../schema/index.ts';
import type {Gated, SessionGate} from '../http/session-gate.ts';
import type {DbProvider} from './db-provider.ts';
import {DEFAULT_ZERO_RATE_LIMITS, ZeroRateLimiter, type Throttled, type ZeroRateLimits} from './rate-limits.ts';
import {sessionKey} from './session-key.ts';
import {runMutation} from './run-mutation.ts';
import {readZeroRequest} from './zero-request.ts';
import type {ServerMutators} from './server-mutators.ts';
import {pushDbProvider} from '../db/transient-db-errors.ts';
import {DEFAULT_ZERO_DEADLINE_MS, zeroDeadline, type Deadlined} from './zero-deadline.ts';
import type {AppliedChange} from './applied-change.ts';
import type {TandemContext} from '../../schema/index.ts';

/** Runs after each push has committed, with the changes it applied and their caller (wakes the jobs, forgets changed sessions). */
export type AfterMutate = (applied: AppliedChange[], ctx: TandemContext) => void;

type Deps = {
  dbProvider: DbProvider;
  serverMutators: ServerMutators;
  gate: SessionGate;
  afterMutate: AfterMutate;
  /** Per-session and per-account limits (server/zero/rate-limits.ts); default DEFAULT_ZERO_RATE_LIMITS. */
  zeroRateLimits?: ZeroRateLimits;
  /** How long a push or query request may take before it is answered as a database outage; default DEFAULT_ZERO_DEADLINE_MS. */
  zeroDeadlineMs?: number;
};

/** A held-back push: 429 with the code, the sentence and Retry-After (zero-cache hands it to the client). */
function tooMany(c: import('hono').Context, throttled: Throttled) {
  c.header('Retry-After', String(throttled.retryAfterSeconds));
  return c.json(throttled, 429);
}

/**
 * The two endpoints zero-cache calls: POST /api/zero/mutate (pushes) and
 * POST /api/zero/query (named query → ZQL). Both need a live session,
 * forwarded by zero-cache as the cookie or a bearer token; without one they
 * answer 401 and the client shows the sign-in page. Both answer within a
 * deadline, also while the database is down or hangs (server/zero/zero-deadline.ts).
 */
export function zeroRoutes({dbProvider, serverMutators, gate, afterMutate, zeroRateLimits, zeroDeadlineMs}: Deps) {
  const app = new Hono<Gated & Deadlined>();
  const limiter = new ZeroRateLimiter(zeroRateLimits ?? DEFAULT_ZERO_RATE_LIMITS);
  const deadlineMs = zeroDeadlineMs ?? DEFAULT_ZERO_DEADLINE_MS;

  app.post('/mutate', zeroDeadline('push', deadlineMs), gate, async c => {
    const ctx = c.get('ctx');
    const request = await readZeroRequest(c, 'push');
    if (!request.ok) return c.json({error: 'invalid_input', message: request.message}, request.status);
    // A flooding session is held back before any work (its client keeps the changes and pushes them again).
    const count = (request.body as {mutations: unknown[]}).mutations.length;
    const throttled = limiter.admitPush(sessionKey(c.req.raw.headers, ctx.userId), ctx.accountId, count);
    if (throttled) return tooMany(c, throttled);
    const applied: AppliedChange[] = [];
    try {
      const result = await handleMutateRequest({
        // A database outage fails the push (retried later), never the mutation.
        dbProvider: pushDbProvider(dbProvider, c.get('deadline')),
        handler: transact =>
          transact(async (tx, name, args) => {
            await runMutation(serverMutators, tx, ctx, name, args);
            applied.push({name, args});
          }),
        body: request.body as never,
        query: request.query,
        userID: ctx.userId,
        logLevel: 'error',
      });
      return c.json(result);
    } finally {
      // Also when a later mutation failed the push: the ones before it have committed.
      afterMutate(applied, ctx);
    }
  });

  app.post('/query', zeroDeadline('query', deadlineMs), gate, async c => {
    const ctx = c.get('ctx');
    const request = await readZeroRequest(c, 'query');
    if (!request.ok) return c.json({error: 'invalid_input', message: request.message}, request.status);
    // Past the session's query budget, the rest of the list is answered with an error each (code rate_limited).
    const [, asked] = request.body as [string, {id: string; name: string}[]];
    const {allowed, throttled} = limiter.admitQueries(sessionKey(c.req.raw.headers, ctx.userId), asked.length);
    const result = await handleQueryRequest({
      handler: (name, args) => {
        // Only the named queries themselves: not whatever else a path reaches ("constructor", "~").
        const query = getQuery(queries, name);
        if (!isQuery(query)) throw new Error(`Unknown query "${name}".`);
        return query.fn({args, ctx});
      },
      schema,
      body: (throttled ? ['transform', asked.slice(0, allowed)] : request.body) as never,
      query: request.query,
      userID: ctx.userId,
      logLevel: 'error',
    });
    if (throttled && 'queries' in result) {
      for (const q of asked.slice(allowed)) {
        result.queries.push({
          error: 'app',
          id: q.id,
          name: q.name,
          message: throttled.message,
          details: {code: throttled.error, retryAfterSeconds: throttled.retryAfterSeconds},
        });
      }
    }
    return c.json(result);
  });

  return app;
}
