import type {Sql} from '../db/connect.ts';

type SessionTimes = {id: string; createdAt: Date | string | number; updatedAt: Date | string | number};
type SessionPolicy = {idleMinutes: number; absoluteHours: number};

/** Activity is recorded at most this often per session (one small write a minute, not one a request). */
const TOUCH_EVERY = '1 minute';

/**
 * Why a session is over under its account's policy, if it is: `absolute`
 * (signed in longer ago than the policy allows) or `idle` (no activity for
 * longer than allowed; `updatedAt` is the last recorded activity).
 */
export function expiredBy(session: SessionTimes, policy: SessionPolicy, now = Date.now()): 'idle' | 'absolute' | undefined {
  if (now - new Date(session.createdAt).getTime() > policy.absoluteHours * 3_600_000) return 'absolute';
  if (now - new Date(session.updatedAt).getTime() > policy.idleMinutes * 60_000) return 'idle';
  return undefined;
}

/**
 * Applies the account's session policy to a resolved session: an expired one
 * is deleted (so no endpoint, better-auth's included, accepts it again) and
 * refused; a live one has its activity recorded.
 */
export async function enforceSessionPolicy(sql: Sql, session: SessionTimes, policy: SessionPolicy): Promise<boolean> {
  if (expiredBy(session, policy)) {
    await sql`delete from auth.session where id = ${session.id}`;
    return false;
  }
  await sql`update auth.session set "updatedAt" = now()
    where id = ${session.id} and "updatedAt" < now() - ${TOUCH_EVERY}::interval`;
  return true;
}
