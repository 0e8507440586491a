import {mustGetMutator, mustGetQuery} from '@rocicorp/zero';
import {handleMutateRequest, handleQueryRequest} from '@rocicorp/zero/server';
import {zeroPostgresJS} from '@rocicorp/zero/server/adapters/postgresjs';
import {Hono} from 'hono';
import type {ExtraRouteDeps} from '../../server/config.ts';
import {bareMutators} from './mutators.ts';
import {bareQueries} from './queries.ts';
import {bareSchema} from './schema.ts';

export const BARE_ROUTES_PATH = 'bench-bare';

/**
 * The reference app's two Zero endpoints, served by Tandem's own API
 * process under /api/bench-bare/{mutate,query}. Like any real app they
 * check the session (the same better-auth lookup Tandem uses); after that
 * they run one insert or one query, with no product rules.
 */
export function bareZeroRoutes({sql, contextOf}: ExtraRouteDeps) {
  const dbProvider = zeroPostgresJS(bareSchema, sql);
  const app = new Hono();

  app.post('/mutate', async c => {
    const ctx = await contextOf(c.req.raw.headers);
    if (!ctx) return c.json({error: 'unauthenticated'}, 401);
    const result = await handleMutateRequest({
      dbProvider,
      handler: transact => transact((tx, name, args) => mustGetMutator(bareMutators, name).fn({tx, args, ctx: undefined})),
      request: c.req.raw,
      userID: ctx.userId,
      logLevel: 'error',
    });
    return c.json(result);
  });

  app.post('/query', async c => {
    const ctx = await contextOf(c.req.raw.headers);
    if (!ctx) return c.json({error: 'unauthenticated'}, 401);
    const result = await handleQueryRequest({
      handler: (name, args) => mustGetQuery(bareQueries, name).fn({args, ctx: undefined}),
      schema: bareSchema,
      request: c.req.raw,
      userID: ctx.userId,
      logLevel: 'error',
    });
    return c.json(result);
  });

  return {path: BARE_ROUTES_PATH, routes: app};
}
