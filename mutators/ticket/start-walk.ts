import {defineMutator} from '../define.ts';
import {said} from '../facts.ts';
import * as v from 'valibot';
import {fail} from '../../rules/errors.ts';
import {assertL1Workspace} from '../../rules/permissions.ts';
import {isReplayOfOwnRow} from '../../rules/tenancy.ts';
import {id} from '../../rules/validators.ts';
import {walkTarget} from '../walk/walk-target.ts';
import {insertWalk} from './new-call.ts';
import {assertNoLiveWork, loadTicketForChange} from './ticket-work.ts';

export const startWalkArgs = v.pipe(
  v.object({
    ticketId: id,
    walkId: id,
    flowId: v.optional(v.nullable(id)),
    proposalId: v.optional(v.nullable(id)),
  }),
  v.check(a => !(a.flowId && a.proposalId), 'choose a flow or a proposal, not both'),
);

/**
 * Continues a ticket with a new walk (the customer called back, the fix did
 * not hold): the caller drives it, the ticket is `walking` again and theirs.
 * Refused while someone is already on the ticket.
 */
export const startWalk = defineMutator(
  startWalkArgs,
  {
    audit: a => ({type: 'ticket', id: String(a.ticketId), details: {walkId: String(a.walkId)}}),
    l1Workspace: true,
    queuesWork: false,
    changesSessions: false,
    outbox: a => ({label: 'Started a new walk on the ticket', walkId: said(a.walkId)}),
  },
  async ({tx, ctx, args}) => {
    const caller = assertL1Workspace(ctx);
    if (args.ticketId === args.walkId) fail('invalid_input', 'ticketId and walkId must differ.', {field: 'walkId'});
    if (await isReplayOfOwnRow(tx, caller, 'walk', args.walkId, 'walkId')) return;
    const ticket = await loadTicketForChange(tx, caller, args.ticketId);
    const target = await walkTarget(tx, caller, args);
    if (ticket) await assertNoLiveWork(tx, ticket, 'start another');
    const now = Date.now();
    await insertWalk(tx, caller, {walkId: args.walkId, ticketId: args.ticketId, walkStatus: 'active', ...target}, now);
    if (ticket) {
      await tx.mutate.ticket.update({
        id: ticket.id,
        status: 'walking',
        assigned_user_id: caller.userId,
        closed_reason: null,
        closed_by: null,
        closed_at: null,
        updated_at: now,
      });
    }
  },
);
