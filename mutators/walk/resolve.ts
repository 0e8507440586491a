import {defineMutator} from '../define.ts';
import {said} from '../facts.ts';
import {zql} from '../../schema/index.ts';
import * as v from 'valibot';
import {id, text} from '../../rules/validators.ts';
import {closeHandoffsOfWalk} from '../handoff/walk-of-handoff.ts';
import {loadDrivenWalk, touchWalk} from './active-walk.ts';

export const resolveArgs = v.object({
  walkId: id,
  helpful: v.boolean(),
  resolutionNotes: text(20000),
});

/**
 * Ends the call solved: walk and ticket `resolved`, and every handoff the
 * walk still holds (a claimed escalation, a park) with them (docs/handoff.md); a
 * helpful proposal walk validates its proposal.
 */
export const resolve = defineMutator(
  resolveArgs,
  {
    audit: a => ({type: 'walk', id: String(a.walkId), details: {helpful: Boolean(a.helpful)}}),
    l1Workspace: true,
    queuesWork: false,
    changesSessions: false,
    outbox: a => ({label: 'Resolved the walk', text: said(a.resolutionNotes), walkId: said(a.walkId)}),
  },
  async ({tx, ctx, args}) => {
    const {caller, walk} = await loadDrivenWalk(tx, ctx, args.walkId);
    const now = Date.now();
    await touchWalk(tx, walk, {
      status: 'resolved',
      helpful: args.helpful,
      resolution_notes: args.resolutionNotes,
      ended_at: now,
    });
    await tx.mutate.ticket.update({
      id: walk.ticket_id,
      status: 'resolved',
      resolution_notes: args.resolutionNotes,
      updated_at: now,
    });
    await closeHandoffsOfWalk(tx, walk.id, caller.userId, now);
    // Resolving while the active fix is verifying or pending records it as a success.
    const fixes = await tx.run(
      zql.task_lane_item.where('walk_id', walk.id).where('kind', 'suggested_fix').where('superseded_by', 'IS', null).where('deleted_at', 'IS', null),
    );
    for (const fix of fixes) {
      if ((fix.outcome === 'proposed' && fix.applied_at) || fix.outcome === 'applied_pending') {
        await tx.mutate.task_lane_item.update({id: fix.id, outcome: 'applied_success', state: 'done', updated_at: now});
      }
    }
    if (args.helpful && walk.session_kind === 'proposal' && walk.flow_proposal_id) {
      await tx.mutate.flow_proposal.update({id: walk.flow_proposal_id, validated_by_outcome: true});
    }
  },
);
