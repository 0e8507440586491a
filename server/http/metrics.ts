import {Hono} from 'hono';
import {isEngineerOrOwner} from '../../rules/permissions.ts';
import type {TandemContext} from '../../schema/index.ts';
import type {Sql} from '../db/connect.ts';
import {handoffMetrics, WINDOWS, type MetricsWindow} from '../metrics/handoff-metrics.ts';

/** GET /api/metrics/handoffs?window=7d|30d|90d (default 30d), engineers and owners of the account. */
export function metricsRoute(sql: Sql, contextOf: (headers: Headers) => Promise<TandemContext | undefined>) {
  const app = new Hono();
  app.get('/handoffs', async c => {
    const ctx = await contextOf(c.req.raw.headers);
    if (!ctx) return c.json({error: 'unauthenticated'}, 401);
    if (!isEngineerOrOwner(ctx)) return c.json({error: 'forbidden', message: 'Engineers and owners only.'}, 403);
    const window = (c.req.query('window') ?? '30d') as MetricsWindow;
    if (!(window in WINDOWS)) return c.json({error: 'invalid_input', message: 'window must be 7d, 30d or 90d.'}, 400);
    return c.json(await handoffMetrics(sql, ctx.accountId, window));
  });
  return app;
}
