import type {TandemContext} from '../../schema/index.ts';
import type {Sql} from '../db/connect.ts';
import {isTransientDatabaseError} from '../db/transient-db-errors.ts';
import type {Auth} from './auth.ts';
import {enforceSessionPolicy} from './session-policy.ts';

/** A request's session, resolved: the Zero context and what decides how long it holds (server/auth/context-cache.ts). */
export type ResolvedSession = {
  ctx: TandemContext;
  session: {id: string; createdAt: number; lastActiveAt: number; expiresAt: number};
  policy: {idleMinutes: number; absoluteHours: number};
};

/**
 * Turns a request's session (cookie or bearer token) into the Zero context.
 * No session, an expired one (better-auth's expiry or the account's idle /
 * absolute policy), no membership or a deactivated member: undefined.
 */
export async function contextFromHeaders(auth: Auth, sql: Sql, headers: Headers): Promise<TandemContext | undefined> {
  return (await resolveSession(auth, sql, headers))?.ctx;
}

/** contextFromHeaders, with the session's times and its account's policy. */
export async function resolveSession(auth: Auth, sql: Sql, headers: Headers): Promise<ResolvedSession | undefined> {
  // A database that cannot be reached is an outage (500, retried), never "signed out" (401).
  const session = await auth.api.getSession({headers}).catch(error => {
    if (isTransientDatabaseError(error)) throw error;
    return null;
  });
  if (!session) return undefined;
  const [row] = await sql<
    {
      id: string;
      account_id: string;
      role: TandemContext['role'];
      can_cover_l1: boolean;
      session_idle_minutes: number;
      session_absolute_hours: number;
    }[]
  >`
    select m.id, m.account_id, m.role, m.can_cover_l1, a.session_idle_minutes, a.session_absolute_hours
    from member m join account a on a.id = m.account_id
    where m.id = ${session.user.id} and m.active`;
  if (!row) return undefined;
  const policy = {idleMinutes: row.session_idle_minutes, absoluteHours: row.session_absolute_hours};
  const live = await enforceSessionPolicy(sql, session.session, policy);
  if (!live) return undefined;
  return {
    ctx: {userId: row.id, accountId: row.account_id, role: row.role, canCoverL1: row.can_cover_l1},
    session: {
      id: session.session.id,
      createdAt: new Date(session.session.createdAt).getTime(),
      lastActiveAt: new Date(session.session.updatedAt).getTime(),
      expiresAt: new Date(session.session.expiresAt).getTime(),
    },
    policy,
  };
}
