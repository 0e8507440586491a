import {defineQuery} from '@rocicorp/zero';
import * as v from 'valibot';
import {canManageAccount} from '../rules/permissions.ts';
import {zql, type TandemContext} from '../schema/index.ts';
import {scopeAccountId} from './scope.ts';

/** Owners only: everyone else's admin queries match nothing. */
function ownerScope(ctx: TandemContext | undefined): string {
  return ctx && canManageAccount(ctx) ? scopeAccountId(ctx) : scopeAccountId(undefined);
}

/** The caller's account with its seat limits. */
export const currentAccount = defineQuery(({ctx}) => zql.account.where('id', scopeAccountId(ctx)).one());

/** Invites of the account, newest first (owners). */
export const invites = defineQuery(({ctx}) => zql.invite.where('account_id', ownerScope(ctx)).related('inviter').orderBy('created_at', 'desc'));

/** How far "Show more" pages the audit log. */
export const AUDIT_PAGE = 200;
export const AUDIT_SUBJECT_TYPES = ['account', 'member', 'invite', 'ticket', 'walk', 'handoff', 'task_lane_item', 'flow', 'flow_proposal'] as const;

/**
 * The audit log, newest first, with what each row is about (owners):
 * filterable by actor, action, subject (a kind, or one subject) and time
 * (`from` inclusive, `to` exclusive, epoch ms); `limit` grows by pages.
 */
export const auditLog = defineQuery(
  v.optional(
    v.object({
      actorId: v.optional(v.string()),
      action: v.optional(v.pipe(v.string(), v.maxLength(100))),
      subjectType: v.optional(v.picklist(AUDIT_SUBJECT_TYPES)),
      subjectId: v.optional(v.pipe(v.string(), v.maxLength(100))),
      from: v.optional(v.pipe(v.number(), v.finite())),
      to: v.optional(v.pipe(v.number(), v.finite())),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(AUDIT_PAGE * 50))),
    }),
    {},
  ),
  ({args, ctx}) => {
    let q = zql.audit_log.where('account_id', ownerScope(ctx));
    if (args?.actorId) q = q.where('actor_user_id', args.actorId);
    if (args?.action) q = q.where('action', args.action);
    if (args?.subjectType) q = q.where('subject_type', args.subjectType);
    if (args?.subjectId) q = q.where('subject_id', args.subjectId);
    if (args?.from !== undefined) q = q.where('at', '>=', args.from);
    if (args?.to !== undefined) q = q.where('at', '<', args.to);
    return q
      .related('actor')
      .related('subjectMember')
      .related('subjectTicket')
      .related('subjectWalk', w => w.related('ticket'))
      .related('subjectHandoff', h => h.related('ticket'))
      .related('subjectLaneItem', i => i.related('walk', w => w.related('ticket')))
      .related('subjectFlow')
      .related('subjectInvite')
      .orderBy('at', 'desc')
      .limit(args?.limit ?? AUDIT_PAGE);
  },
);
