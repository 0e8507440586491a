import {Hono} from 'hono';
import type {TandemContext} from '../../schema/index.ts';
import type {Sql} from '../db/connect.ts';

/**
 * GET /api/session: who the browser is signed in as (the Zero context plus
 * name and account), and where to reach zero-cache: the view syncer this
 * person is placed on (server/zero-cache/placement.ts). 401 when signed out.
 */
export function sessionRoute(
  sql: Sql,
  contextOf: (headers: Headers) => Promise<TandemContext | undefined>,
  placeOnSyncer: (userId: string, requestUrl: URL) => Promise<string>,
) {
  const app = new Hono();
  app.get('/', async c => {
    const ctx = await contextOf(c.req.raw.headers);
    if (!ctx) return c.json({error: 'unauthenticated'}, 401);
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
