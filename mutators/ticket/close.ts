import {defineMutator} from '../define.ts';
import {said} from '../facts.ts';
import * as v from 'valibot';
import {fail} from '../../rules/errors.ts';
import {assertTicketWorker} from '../../rules/permissions.ts';
import {id, requiredText} from '../../rules/validators.ts';
import {assertNoLiveWork, loadTicketForChange} from './ticket-work.ts';

export const closeArgs = v.object({ticketId: id, reason: requiredText(1000)});

/**
 * Closes a ticket no walk solved (duplicate, customer unreachable, solved
 * elsewhere): status `resolved` with the reason in `closed_reason` (docs/tickets.md
 * keeps its four statuses). Refused while someone is on it.
 */
export const close = defineMutator(
  closeArgs,
  {
    audit: a => ({type: 'ticket', id: String(a.ticketId), details: {reason: String(a.reason).slice(0, 200)}}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: a => ({label: 'Closed the ticket', text: said(a.reason)}),
  },
  async ({tx, ctx, args}) => {
    const caller = assertTicketWorker(ctx);
    const ticket = await loadTicketForChange(tx, caller, args.ticketId);
    if (!ticket) return;
    if (ticket.status === 'resolved') fail('invalid_state', 'This ticket is already resolved.', {status: ticket.status});
    await assertNoLiveWork(tx, ticket, 'close it');
    const now = Date.now();
    await tx.mutate.ticket.update({
      id: ticket.id,
      status: 'resolved',
      closed_reason: args.reason,
      closed_by: caller.userId,
      closed_at: now,
      updated_at: now,
    });
  },
);
