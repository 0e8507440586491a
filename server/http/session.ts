import {Hono} from 'hono';
import type {Sql} from '../db/connect.ts';
import type {Gated, SessionGate} from './session-gate.ts';

/**
 * GET /api/session: who the browser is signed in as (the Zero context plus
 * name and account), and where to reach zero-cache: the view syncer this
 * person is placed on (server/zero-cache/placement.ts). 401 when signed out.
 */
export function sessionRoutes(sql: Sql, gate: SessionGate, placeOnSyncer: (userId: string, requestUrl: URL) => Promise<string>) {
  const app = new Hono<Gated>();
  app.get('/', gate, async c => {
    const ctx = c.get('ctx');
    const [row] = await sql<{name: string; email: string; account_name: string}[]>`
      select m.name, m.email, a.name as account_name
      from member m join account a on a.id = m.account_id where m.id = ${ctx.userId}`;
    return c.json({
      context: ctx,
      user: {id: ctx.userId, name: row?.name ?? '', email: row?.email ?? '', accountName: row?.account_name ?? ''},
      zeroUrl: await placeOnSyncer(ctx.userId, new URL(c.req.url)),
    });
  });
  return app;
}
