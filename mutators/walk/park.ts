import {defineMutator} from '../define.ts';
import {said} from '../facts.ts';
import * as v from 'valibot';
import {zql} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';
import {id, optionalText} from '../../rules/validators.ts';
import {loadDrivenWalk, touchWalk} from './active-walk.ts';

export const parkArgs = v.object({walkId: id, handoffId: id, note: optionalText(4000)});

/**
 * Sets a walk aside (e.g. waiting on the customer): a `park` handoff that is
 * private to its owner and notifies nobody. The walk stays the driver's.
 */
export const park = defineMutator(
  parkArgs,
  {
    audit: a => ({type: 'walk', id: String(a.walkId)}),
    l1Workspace: true,
    queuesWork: false,
    changesSessions: false,
    outbox: a => ({label: 'Parked the walk', text: said(a.note), walkId: said(a.walkId)}),
  },
  async ({tx, ctx, args}) => {
    const {caller, walk} = await loadDrivenWalk(tx, ctx, args.walkId);
    const existing = await tx.run(zql.handoff.where('id', args.handoffId).one());
    if (existing) {
      if (existing.account_id === caller.accountId && existing.walk_id === walk.id) return;
      fail('invalid_input', 'handoffId is already in use.', {field: 'handoffId'});
    }
    const parked = await tx.run(zql.handoff.where('walk_id', walk.id).where('intent', 'park').where('status', 'open').one());
    if (parked) fail('invalid_state', 'This walk is already parked.');
    const now = Date.now();
    await tx.mutate.handoff.insert({
      id: args.handoffId,
      account_id: walk.account_id,
      walk_id: walk.id,
      ticket_id: walk.ticket_id,
      intent: 'park',
      status: 'open',
      reason_category: 'Parked',
      details: args.note || null,
      escalated_by: caller.userId,
      acting_as: walk.acting_as,
      escalated_at: now,
    });
    await touchWalk(tx, walk);
  },
);
