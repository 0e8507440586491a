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

/**
 * The Live walks list: the account's walks in progress as cards (an L1 tech
 * sees their own), longest on the call first, each with its ticket, driver,
 * flow and who is on it now. Read from `walk_card`, not `walk`: a recorded
 * step edits the walk row but not its card, so a step reaches only the
 * clients that have that walk open (migrations/00026_walk_card).
 */
export const live = defineQuery(({ctx}) => {
  let q = zql.walk_card.where('account_id', scopeAccountId(ctx)).where('status', 'active');
  if (ctx && ctx.role === 'l1_tech') q = q.where('driver_user_id', ctx.userId);
  return q
    .related('ticket')
    .related('driver')
    .related('flow')
    .related('presence', p => p.related('user'))
    .orderBy('started_at', 'asc')
    .orderBy('walk_id', 'asc');
});
