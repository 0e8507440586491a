import {Hono} from 'hono';
import {isEngineerOrOwner} from '../../rules/permissions.ts';
import type {Sql} from '../db/connect.ts';
import type {Gated, SessionGate} from './session-gate.ts';
import {handoffMetrics, WINDOWS, type MetricsWindow} from '../metrics/handoff-metrics.ts';

/** GET /api/metrics/handoffs?window=7d|30d|90d (default 30d), engineers and owners of the account. */
export function metricsRoutes(sql: Sql, gate: SessionGate) {
  const app = new Hono<Gated>();
  app.get('/handoffs', gate, async c => {
    const ctx = c.get('ctx');
    if (!isEngineerOrOwner(ctx)) return c.json({error: 'forbidden', message: 'Engineers and owners only.'}, 403);
    const window = (c.req.query('window') ?? '30d') as MetricsWindow;
    if (!(window in WINDOWS)) return c.json({error: 'invalid_input', message: 'window must be 7d, 30d or 90d.'}, 400);
    return c.json(await handoffMetrics(sql, ctx.accountId, window));
  });
  return app;
}
