import {defineMutator} from '../define.ts';
import * as v from 'valibot';
import {fail} from '../../rules/errors.ts';
import {assertTicketWorker} from '../../rules/permissions.ts';
import {id} from '../../rules/validators.ts';
import {loadTicketForChange} from './ticket-work.ts';

export const reopenArgs = v.object({ticketId: id});

/** A resolved (or closed) ticket is `open` again; its history stays. */
export const reopen = defineMutator(
  reopenArgs,
  {
    audit: a => ({type: 'ticket', id: String(a.ticketId)}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: () => ({label: 'Reopened the ticket'}),
  },
  async ({tx, ctx, args}) => {
    const caller = assertTicketWorker(ctx);
    const ticket = await loadTicketForChange(tx, caller, args.ticketId);
    if (!ticket) return;
    if (ticket.status !== 'resolved') fail('invalid_state', `This ticket is ${ticket.status}; only a resolved ticket is reopened.`, {status: ticket.status});
    await tx.mutate.ticket.update({
      id: ticket.id,
      status: 'open',
      closed_reason: null,
      closed_by: null,
      closed_at: null,
      updated_at: Date.now(),
    });
  },
);
