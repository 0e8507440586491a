import {getQuery, isQuery} from '@rocicorp/zero';
import {handleMutateRequest, handleQueryRequest} from '@rocicorp/zero/server';
import {Hono} from 'hono';
import {queries} from '../../queries/index.ts';
import {schema} from '../../schema/index.ts';
import type {Gated, SessionGate} from '../http/session-gate.ts';
import type {DbProvider} from './db-provider.ts';
import {runMutation} from './run-mutation.ts';
import {readZeroRequest} from './zero-request.ts';
import type {ServerMutators} from './server-mutators.ts';
import {pushDbProvider} from '../db/transient-db-errors.ts';

type Deps = {
  dbProvider: DbProvider;
  serverMutators: ServerMutators;
  gate: SessionGate;
  /** Runs after each push has committed, with the names of its mutations (e.g. sends queued notifications). */
  afterMutate: (names: string[]) => void;
};

/**
 * The two endpoints zero-cache calls: POST /api/zero/mutate (pushes) and
 * POST /api/zero/query (named query → ZQL). Both need a live session,
 * forwarded by zero-cache as the cookie or a bearer token; without one they
 * answer 401 and the client shows the sign-in page.
 */
export function zeroRoutes({dbProvider, serverMutators, gate, afterMutate}: Deps) {
  const app = new Hono<Gated>();

  app.post('/mutate', gate, async c => {
    const ctx = c.get('ctx');
    const request = await readZeroRequest(c, 'push');
    if (!request.ok) return c.json({error: 'invalid_input', message: request.message}, request.status);
    const names: string[] = [];
    const result = await handleMutateRequest({
      // A database outage fails the push (retried later), never the mutation.
      dbProvider: pushDbProvider(dbProvider),
      handler: transact =>
        transact((tx, name, args) => {
          names.push(name);
          return runMutation(serverMutators, tx, ctx, name, args);
        }),
      body: request.body as never,
      query: request.query,
      userID: ctx.userId,
      logLevel: 'error',
    });
    afterMutate(names);
    return c.json(result);
  });

  app.post('/query', gate, async c => {
    const ctx = c.get('ctx');
    const request = await readZeroRequest(c, 'query');
    if (!request.ok) return c.json({error: 'invalid_input', message: request.message}, request.status);
    const result = await handleQueryRequest({
      handler: (name, args) => {
        // Only the named queries themselves: not whatever else a path reaches ("constructor", "~").
        const query = getQuery(queries, name);
        if (!isQuery(query)) throw new Error(`Unknown query "${name}".`);
        return query.fn({args, ctx});
      },
      schema,
      body: request.body as never,
      query: request.query,
      userID: ctx.userId,
      logLevel: 'error',
    });
    return c.json(result);
  });

  return app;
}
