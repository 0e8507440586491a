import {Hono} from 'hono';
import * as v from 'valibot';
import {presenceArgs} from '../../mutators/presence/presence.ts';
import type {Sql} from '../db/connect.ts';
import {beatRecorder} from '../presence/presence-beats.ts';
import type {Gated, SessionGate} from './session-gate.ts';

/**
 * POST /api/presence/beat {walkId}: "still here", for a viewer whose presence
 * row is already right (same person, same mode). It records the beat in
 * unsynced.presence_beat only — no Zero push, no replicated write, nothing
 * sent to any other client — so the walker page's beats every few seconds
 * stay off the path of steps and notes; the beats of every open page are
 * gathered and recorded in one statement (`beatRecorder`). Answers 204; 409 `presence_changed`
 * when there is no such row (first beat, swept after a lost connection, a
 * take-over changed the mode): the page then sends the `presence.heartbeat`
 * mutator, which writes the synced row everyone sees. Its gate is the
 * session gate (sessions reused for a moment, server/auth/context-cache.ts);
 * the statement itself requires an active member of the account every time.
 */
export function presenceBeatRoutes(sql: Sql, gate: SessionGate) {
  const app = new Hono<Gated>();
  const record = beatRecorder(sql);
  app.post('/beat', gate, async c => {
    const ctx = c.get('ctx');
    const parsed = v.safeParse(presenceArgs, await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({error: 'invalid_input', message: 'Expected {walkId}.'}, 400);
    const {walkId} = parsed.output;
    if (!(await record({walkId, ctx}))) return c.json({error: 'presence_changed', message: 'Send presence.heartbeat.'}, 409);
    return c.body(null, 204);
  });
  return app;
}
