import * as v from 'valibot';
import {defineMutator} from '../define.ts';
import {fail} from '../../rules/errors.ts';
import {canManageAccount, requireContext} from '../../rules/permissions.ts';

/** How long sessions may live, within these bounds (the database checks them too). */
export const SESSION_POLICY_BOUNDS = {
  idleMinutes: {min: 15, max: 30 * 24 * 60},
  absoluteHours: {min: 1, max: 90 * 24},
} as const;

const whole = (label: string, {min, max}: {min: number; max: number}) =>
  v.pipe(
    v.number(),
    v.integer(`${label} must be a whole number`),
    v.minValue(min, `${label} must be at least ${min}`),
    v.maxValue(max, `${label} must be at most ${max}`),
  );

export const updateSessionPolicyArgs = v.object({
  idleMinutes: whole('idle timeout (minutes)', SESSION_POLICY_BOUNDS.idleMinutes),
  absoluteHours: whole('absolute lifetime (hours)', SESSION_POLICY_BOUNDS.absoluteHours),
});

/**
 * Owners set their account's session lifetime: a session ends after
 * `idleMinutes` without activity and `absoluteHours` after sign-in. The
 * server enforces both on every request (server/auth/session-policy.ts).
 */
export const updateSessionPolicy = defineMutator(
  updateSessionPolicyArgs,
  {
    audit: (a, ctx) => ({
      type: 'account',
      id: ctx.accountId,
      details: {idleMinutes: String(a.idleMinutes), absoluteHours: String(a.absoluteHours)},
    }),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: () => '*',
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = requireContext(ctx);
    if (!canManageAccount(caller)) fail('forbidden', 'Only owners set the session policy.');
    await tx.mutate.account.update({
      id: caller.accountId,
      session_idle_minutes: args.idleMinutes,
      session_absolute_hours: args.absoluteHours,
    });
  },
);
