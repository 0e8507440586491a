import {defineMutator} from '../define.ts';
import {said} from '../facts.ts';
import * as v from 'valibot';
import {zql} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';
import {openEscalation, reasonCategory, reasonDetails} from '../handoff/open-handoff.ts';
import {requireContext} from '../../rules/permissions.ts';
import {id} from '../../rules/validators.ts';
import {closeHandoffsOfWalk} from '../handoff/walk-of-handoff.ts';
import {loadDrivenWalk, touchWalk} from './active-walk.ts';

export const escalateArgs = v.object({
  walkId: id,
  handoffId: id,
  reasonCategory,
  details: reasonDetails,
});

/** Stuck: walk and ticket `escalated`, and a handoff enters the queue (docs/walks.md, §8). */
export const escalate = defineMutator(
  escalateArgs,
  {
    audit: a => ({type: 'walk', id: String(a.walkId), details: {reasonCategory: String(a.reasonCategory)}}),
    l1Workspace: true,
    queuesWork: true,
    changesSessions: false,
    outbox: a => ({label: 'Escalated the walk', text: said(a.details), walkId: said(a.walkId)}),
  },
  async ({tx, ctx, args}) => {
    const caller = requireContext(ctx);
    const existing = await tx.run(zql.handoff.where('id', args.handoffId).one());
    if (existing) {
      if (existing.account_id === caller.accountId && existing.walk_id === args.walkId) return; // replay
      fail('invalid_input', 'handoffId is already in use.', {field: 'handoffId'});
    }
    const {walk} = await loadDrivenWalk(tx, caller, args.walkId);
    // A walk picked up from the queue goes back there by release, never as a second escalation.
    const held = await tx.run(zql.handoff.where('walk_id', walk.id).where('status', 'claimed').one());
    if (held) fail('invalid_state', 'This walk’s escalation is picked up: release it back to the queue instead.', {handoff_id: held.id});
    const now = Date.now();
    await touchWalk(tx, walk, {status: 'escalated'});
    await closeHandoffsOfWalk(tx, walk.id, caller.userId, now); // a park it had is over: the walk goes to the queue
    await tx.mutate.ticket.update({id: walk.ticket_id, status: 'escalated', updated_at: now});
    await openEscalation(tx, caller, walk, args.handoffId, args.reasonCategory, args.details, now);
  },
);
