import type {Transaction} from '@rocicorp/zero';
import {zql, type TandemContext, type Ticket} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';
import {lockRow} from '../../rules/locks.ts';
import {loadOwned} from '../../rules/tenancy.ts';

/**
 * The ticket a change is about, the caller's account's; on the server under
 * its row lock, so that starting, closing and reopening one ticket take
 * turns and each sees the last one's result. On a client that has not
 * synced it, undefined (the server decides).
 */
export async function loadTicketForChange(tx: Transaction, caller: TandemContext, ticketId: string): Promise<Ticket | undefined> {
  await lockRow(tx, 'ticket', ticketId);
  return loadOwned(tx, caller, 'ticket', ticketId, 'Ticket');
}

/** Someone is on it: a walk in progress, or an escalation waiting in the queue or claimed. */
export async function assertNoLiveWork(tx: Transaction, ticket: Ticket, doing: string): Promise<void> {
  const walk = await tx.run(zql.walk.where('ticket_id', ticket.id).where('status', 'active').one());
  if (walk) fail('invalid_state', `A walk of this ticket is in progress; ${doing} once it ends.`, {walkId: walk.id});
  const handoff = await tx.run(zql.handoff.where('ticket_id', ticket.id).where('intent', 'escalate').where('status', 'IN', ['open', 'claimed']).one());
  if (handoff) fail('invalid_state', `This ticket is escalated to the engineers; ${doing} once they resolve it.`, {handoffId: handoff.id});
}
