import {Hono} from 'hono';
import * as v from 'valibot';
import {id} from '../../rules/validators.ts';
import type {Sql} from '../db/connect.ts';
import type {Gated, SessionGate} from './session-gate.ts';

export const waitingArgs = v.object({walkId: id, waiting: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000))});

/**
 * POST /api/presence/waiting {walkId, waiting}: "I am here, but my sync
 * connection is down and I hold N changes for the server" — sent by a
 * viewer's browser that can reach the API while its Zero connection cannot
 * sync (and `waiting: 0` once it syncs again). It cannot go through Zero:
 * a push would queue behind the very changes it counts. It keeps the
 * viewer's presence row (creating it if the sweep took it, with the mode the
 * walk gives them) and sets its `waiting_changes`, which every watcher sees;
 * the row is written only when the count changes. A browser with no network
 * sends nothing: its beats stop and the sweep removes its row, and that
 * absence is what watchers read as "offline". 204; 404 `not_found` for a walk
 * not in the caller's account.
 */
export function presenceWaitingRoutes(sql: Sql, gate: SessionGate) {
  const app = new Hono<Gated>();
  app.post('/waiting', gate, async c => {
    const ctx = c.get('ctx');
    const parsed = v.safeParse(waitingArgs, await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({error: 'invalid_input', message: 'Expected {walkId, waiting}.'}, 400);
    const {walkId, waiting} = parsed.output;
    const presenceId = `${walkId}:${ctx.userId}`;
    const now = Date.now();
    const written = await sql`
      insert into walk_presence (id, account_id, walk_id, user_id, mode, last_seen, waiting_changes)
      select ${presenceId}, w.account_id, w.id, m.id,
             case when w.driver_user_id = m.id then 'driving' else 'watching' end, ${now}::float8, ${waiting}::int
      from walk w join member m on m.id = ${ctx.userId} and m.account_id = w.account_id and m.active
      where w.id = ${walkId} and w.account_id = ${ctx.accountId}
      on conflict (id) do update set waiting_changes = excluded.waiting_changes, mode = excluded.mode, last_seen = excluded.last_seen
        where walk_presence.waiting_changes is distinct from excluded.waiting_changes or walk_presence.mode <> excluded.mode
      returning id`;
    if (written.length === 0) {
      const [known] = await sql`select 1 from walk_presence p where p.id = ${presenceId} and p.account_id = ${ctx.accountId}`;
      if (!known) return c.json({error: 'not_found', message: 'Walk not found.'}, 404);
    }
    await sql`insert into unsynced.presence_beat (id, last_seen) values (${presenceId}, ${now})
      on conflict (id) do update set last_seen = greatest(unsynced.presence_beat.last_seen, excluded.last_seen)`;
    return c.body(null, 204);
  });
  return app;
}
