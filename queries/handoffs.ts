import {defineQuery} from '@rocicorp/zero';
import * as v from 'valibot';
import {isEngineerOrOwner} from '../rules/permissions.ts';
import {zql, type TandemContext} from '../schema/index.ts';
import {scopeAccountId} from './scope.ts';

/** Engineers and owners see the queue; for anyone else it matches nothing. */
function queueScope(ctx: TandemContext | undefined): string {
  return ctx && isEngineerOrOwner(ctx) ? scopeAccountId(ctx) : scopeAccountId(undefined);
}

/**
 * The account's unclaimed escalations with ticket and walk summary, oldest
 * first; never the caller's own escalations. Each row carries the caller's
 * own read mark (for the unread dot).
 */
export const queue = defineQuery(({ctx}) =>
  zql.handoff
    .where('account_id', queueScope(ctx))
    .where('intent', 'escalate')
    .where('status', 'open')
    .where('escalated_by', '!=', ctx?.userId ?? '')
    .related('ticket')
    .related('walk', w => w.related('flow'))
    .related('escalator')
    .related('reads', r => r.where('user_id', ctx?.userId ?? ''))
    .orderBy('escalated_at', 'asc'),
);

/** One handoff with everything its context screen shows (parked ones only to their owner). */
export const byId = defineQuery(v.object({handoffId: v.string()}), ({args, ctx}) =>
  zql.handoff
    .where('account_id', queueScope(ctx))
    .where('id', args.handoffId)
    .where(({or, cmp}) => or(cmp('intent', 'escalate'), cmp('escalated_by', ctx?.userId ?? '')))
    .related('ticket')
    .related('walk', w => w.related('flow').related('steps', s => s.orderBy('seq', 'asc')))
    .related('escalator')
    .related('claimer')
    .related('reads', r => r.where('user_id', ctx?.userId ?? ''))
    .one(),
);

/** What the caller holds: handoffs they claimed and have not closed. */
export const mine = defineQuery(({ctx}) =>
  zql.handoff
    .where('account_id', queueScope(ctx))
    .where('status', 'claimed')
    .where('claimed_by', ctx?.userId ?? '')
    .related('ticket')
    .orderBy('claimed_at', 'desc'),
);
