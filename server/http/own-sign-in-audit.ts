import type {MiddlewareHandler} from 'hono';
import type {TandemContext} from '../../schema/index.ts';
import type {Sql} from '../db/connect.ts';
import {recordSecurityEvent} from '../people/security-events.ts';

/**
 * Wraps better-auth's change-password and revoke-sessions endpoints: once
 * better-auth has answered 200, the change is recorded (audit row, and the
 * end of the person's sessions: server/people/security-events.ts). The
 * person is read before better-auth runs, since "sign out everywhere" ends
 * the very session that asked.
 */
export function ownSignInAudit(
  sql: Sql,
  contextOf: (headers: Headers) => Promise<TandemContext | undefined>,
  kind: 'changePassword' | 'signOutEverywhere',
): MiddlewareHandler {
  return async (c, next) => {
    const ctx = await contextOf(c.req.raw.headers);
    const startedAt = Date.now();
    const endsSessions =
      kind === 'signOutEverywhere' ||
      (
        (await c.req.raw
          .clone()
          .json()
          .catch(() => null)) as {revokeOtherSessions?: unknown} | null
      )?.revokeOtherSessions === true;
    await next();
    if (!ctx || !c.res.ok) return;
    await recordSecurityEvent(sql, ctx.userId, kind === 'signOutEverywhere' ? 'member.signOutEverywhere' : 'member.changePassword', {
      sessionsEndedAt: endsSessions ? startedAt : undefined,
    });
  };
}
