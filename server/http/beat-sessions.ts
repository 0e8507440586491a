import type {TandemContext} from '../../schema/index.ts';
import {sessionGate, type ContextOf} from './session-gate.ts';

/** How long a beat trusts a session it has already checked. */
export const BEAT_SESSION_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

/**
 * The presence beat's session check, remembered per credential (the
 * Authorization or Cookie header) for BEAT_SESSION_TTL_MS. A walker page
 * beats every few seconds; checking its session each time (better-auth's
 * lookup, the membership, the account's session policy) was most of what a
 * beat cost the API (bench/README.md, "Root cause of the busy account").
 * Only beats use it: a beat keeps a presence row alive and nothing else,
 * and the beat's own statement still requires an active member of the
 * account, so a deactivated member's beats stop at once. Pushes and queries
 * check the session every time.
 */
export function beatSessions(contextOf: ContextOf, now = () => Date.now()) {
  const known = new Map<string, {ctx: TandemContext; until: number}>();
  return async (headers: Headers): Promise<TandemContext | undefined> => {
    const credential = headers.get('authorization') ?? headers.get('cookie');
    if (!credential) return contextOf(headers);
    const hit = known.get(credential);
    if (hit && hit.until > now()) return hit.ctx;
    known.delete(credential);
    const ctx = await contextOf(headers);
    if (!ctx) return undefined;
    if (known.size >= MAX_ENTRIES) known.delete(known.keys().next().value!);
    known.set(credential, {ctx, until: now() + BEAT_SESSION_TTL_MS});
    return ctx;
  };
}

/** The presence beat's gate: the session gate over remembered sessions. */
export function beatGate(contextOf: ContextOf) {
  return sessionGate(beatSessions(contextOf));
}
