import {Hono} from 'hono';
import * as v from 'valibot';
import {presenceArgs} from '../../mutators/presence/presence.ts';
import type {Sql} from '../db/connect.ts';
import {beatRecorder} from '../presence/presence-beats.ts';
import type {Gated, SessionGate} from './session-gate.ts';

/**
 * POST /api/presence/beat {walkId}: "I am looking at this walk", every few
 * seconds from each open walker page. The first beat of a page (or the first
 * after its row was swept, or after a take-over changed its mode) writes the
 * synced presence row every viewer sees; every other beat is noted in
 * unsynced.presence_beat only — no replicated write, nothing sent to anyone.
 * The beats of every open page are gathered and recorded together
 * (`beatRecorder`): the rows of all pages opened in one moment reach
 * zero-cache as one change, not as one Zero push each. The server decides
 * the mode (driving iff the caller drives the walk). Answers 204; 404
 * `not_found` for a walk that is not the caller's account's (exactly as for
 * a missing one) or a member no longer active. Its gate is the session gate
 * (sessions reused for a moment, server/auth/context-cache.ts); the
 * statements themselves require an active member of the account every time.
 */
export function presenceBeatRoutes(sql: Sql, gate: SessionGate) {
  const app = new Hono<Gated>();
  const record = beatRecorder(sql);
  app.post('/beat', gate, async c => {
    const ctx = c.get('ctx');
    const parsed = v.safeParse(presenceArgs, await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({error: 'invalid_input', message: 'Expected {walkId}.'}, 400);
    const {walkId} = parsed.output;
    if (!(await record({walkId, ctx}))) return c.json({error: 'not_found', message: 'Walk not found.'}, 404);
    return c.body(null, 204);
  });
  return app;
}
