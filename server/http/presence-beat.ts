import {Hono} from 'hono';
import * as v from 'valibot';
import {presenceArgs} from '../../mutators/presence/presence.ts';
import type {TandemContext} from '../../schema/index.ts';
import type {Sql} from '../db/connect.ts';
import {rememberedSessions} from './beat-sessions.ts';

/**
 * POST /api/presence/beat {walkId}: "still here", for a viewer whose presence
 * row is already right (same person, same mode). It records the beat in
 * unsynced.presence_beat only — no Zero push, no replicated write, nothing
 * sent to any other client — so the walker page's beats every few seconds
 * stay off the path of steps and notes. Answers 204; 409 `presence_changed`
 * when there is no such row (first beat, swept after a lost connection, a
 * take-over changed the mode): the page then sends the `presence.heartbeat`
 * mutator, which writes the synced row everyone sees. The session is
 * checked once per BEAT_SESSION_TTL_MS (beat-sessions.ts); the statement
 * itself requires an active member of the account every time.
 */
export function presenceBeatRoute(sql: Sql, contextOf: (headers: Headers) => Promise<TandemContext | undefined>) {
  const app = new Hono();
  const sessionOf = rememberedSessions(contextOf);
  app.post('/beat', async c => {
    const ctx = await sessionOf(c.req.raw.headers);
    if (!ctx) return c.json({error: 'unauthenticated'}, 401);
    const parsed = v.safeParse(presenceArgs, await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({error: 'invalid_input', message: 'Expected {walkId}.'}, 400);
    const {walkId} = parsed.output;
    const id = `${walkId}:${ctx.userId}`;
    const now = Date.now();
    // One statement: the row must be the caller's, in the caller's account,
    // with the mode the walk gives them now (driving iff they are the driver).
    const recorded = await sql`
      insert into unsynced.presence_beat (id, last_seen)
      select p.id, ${now}::float8 from walk_presence p join walk w on w.id = p.walk_id
        join member m on m.id = p.user_id and m.active
      where p.id = ${id} and p.user_id = ${ctx.userId} and p.account_id = ${ctx.accountId}
        and w.account_id = ${ctx.accountId}
        and p.mode = case when w.driver_user_id = ${ctx.userId} then 'driving' else 'watching' end
      on conflict (id) do update set last_seen = greatest(unsynced.presence_beat.last_seen, excluded.last_seen)
      returning id`;
    if (recorded.length === 0) return c.json({error: 'presence_changed', message: 'Send presence.heartbeat.'}, 409);
    return c.body(null, 204);
  });
  return app;
}
