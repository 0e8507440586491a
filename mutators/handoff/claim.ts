import {defineMutator} from '../define.ts';
import * as v from 'valibot';
import {zql} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';
import {id} from '../../rules/validators.ts';
import {loadHandoffFor} from './claimable.ts';
import {markRead} from './read-mark.ts';
import {loadWalkStillOpen} from './walk-of-handoff.ts';
import {touchWalk} from '../walk/active-walk.ts';

export const claimArgs = v.object({handoffId: id});

/**
 * "Pick up" (docs/handoff.md). Engineers and owners only, never one's own
 * escalation. However many claims arrive at once, the row lock lets exactly
 * one change `open` to `claimed`; every other gets `already_claimed` naming
 * the holder. The holder's own repeat succeeds without change.
 */
export const claim = defineMutator(
  claimArgs,
  {
    audit: a => ({type: 'handoff', id: String(a.handoffId)}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const {caller, handoff} = await loadHandoffFor(tx, ctx, args.handoffId);
    if (!handoff) return;
    if (handoff.escalated_by === caller.userId) fail('forbidden', 'You escalated this handoff; someone else picks it up.');
    if (handoff.status === 'claimed') {
      if (handoff.claimed_by === caller.userId) return;
      const holder = await tx.run(zql.member.where('id', handoff.claimed_by ?? '').one());
      fail('already_claimed', `Already claimed by ${holder?.name ?? 'someone else'}.`, {
        claimed_by: handoff.claimed_by ?? null,
        claimed_by_name: holder?.name ?? null,
        claimed_at: handoff.claimed_at ?? null,
      });
    }
    if (handoff.status !== 'open') fail('invalid_state', `This handoff is ${handoff.status}.`, {status: handoff.status});
    const walk = await loadWalkStillOpen(tx, handoff);

    const now = Date.now();
    // The walk first: touchWalk's first-action stamp must not count the claim itself.
    if (walk) await touchWalk(tx, walk, {status: 'active', driver_user_id: caller.userId, acting_as: 'self'}, caller.userId, now);
    await tx.mutate.handoff.update({id: handoff.id, status: 'claimed', claimed_by: caller.userId, claimed_at: now, first_action_at: null});
    await tx.mutate.ticket.update({id: handoff.ticket_id, status: 'walking', assigned_user_id: caller.userId, updated_at: now});
    await markRead(tx, caller, handoff, false);
  },
);
