import {defineQuery} from '@rocicorp/zero';
import * as v from 'valibot';
import {zql} from '../schema/index.ts';
import {scopeAccountId} from './scope.ts';

/** One walk with everything its screen shows (its handoffs with who picked them up: the escalator is told). */
export const byId = defineQuery(v.object({walkId: v.string()}), ({args, ctx}) =>
  zql.walk
    .where('account_id', scopeAccountId(ctx))
    .where('id', args.walkId)
    .related('ticket')
    .related('driver')
    .related('starter')
    .related('flow')
    .related('proposal')
    .related('steps', q => q.orderBy('seq', 'asc'))
    .related('lane', q => q.where('deleted_at', 'IS', null).related('author').orderBy('position', 'asc'))
    .related('presence', q => q.related('user'))
    .related('handoffs', q => q.related('claimer').orderBy('escalated_at', 'desc'))
    .related('generated')
    .one(),
);

/** Walks in progress. An L1 tech sees their own; engineers, owners and viewers see the account's. */
export const active = defineQuery(({ctx}) => {
  let q = zql.walk.where('account_id', scopeAccountId(ctx)).where('status', 'active');
  if (ctx && ctx.role === 'l1_tech') q = q.where('driver_user_id', ctx.userId);
  return q
    .related('ticket')
    .related('driver')
    .related('flow')
    .related('presence', p => p.related('user'))
    .orderBy('last_activity_at', 'desc');
});
