import {defineQuery} from '@rocicorp/zero';
import * as v from 'valibot';
import {canManageAccount} from '../mutators/permissions.ts';
import {zql, type TandemContext} from '../schema/index.ts';
import {scopeAccountId} from './scope.ts';

/** Owners only: everyone else's admin queries match nothing. */
function ownerScope(ctx: TandemContext | undefined): string {
  return ctx && canManageAccount(ctx) ? scopeAccountId(ctx) : scopeAccountId(undefined);
}

/** The caller's account with its seat limits. */
export const currentAccount = defineQuery(({ctx}) => zql.account.where('id', scopeAccountId(ctx)).one());

/** Invites of the account, newest first (owners). */
export const invites = defineQuery(({ctx}) =>
  zql.invite.where('account_id', ownerScope(ctx)).related('inviter').orderBy('created_at', 'desc'),
);

/** The audit log, newest first, filterable by actor and action (owners). */
export const auditLog = defineQuery(
  v.optional(
    v.object({
      actorId: v.optional(v.string()),
      action: v.optional(v.pipe(v.string(), v.maxLength(100))),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500))),
    }),
    {},
  ),
  ({args, ctx}) => {
    let q = zql.audit_log.where('account_id', ownerScope(ctx));
    if (args?.actorId) q = q.where('actor_user_id', args.actorId);
    if (args?.action) q = q.where('action', args.action);
    return q.related('actor').orderBy('at', 'desc').limit(args?.limit ?? 200);
  },
);
