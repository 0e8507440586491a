import type {Transaction} from '@rocicorp/zero';
import type {SessionKind, TandemContext, TicketStatus, WalkStatus} from '../../schema/index.ts';
import {l1ActingAs} from '../../rules/permissions.ts';
import {ticketTitle} from '../../rules/ticket-title.ts';

type NewCall = {
  ticketId: string;
  walkId: string;
  problemStatement: string;
  title?: string | null;
  customerName?: string | null;
  customerContact?: string | null;
};

/** A call as intake records it: the ticket and its walk, both the caller's, in one transaction. */
export async function insertCall(
  tx: Transaction,
  caller: TandemContext,
  call: NewCall,
  shape: {
    ticketStatus: TicketStatus;
    walkStatus: WalkStatus;
    sessionKind: SessionKind;
    flowId?: string | null;
    proposalId?: string | null;
    currentNodeId?: string | null;
  },
): Promise<void> {
  const now = Date.now();
  await tx.mutate.ticket.insert({
    id: call.ticketId,
    account_id: caller.accountId,
    kind: 'internal',
    customer_name: call.customerName || null,
    customer_contact: call.customerContact || null,
    customer_key: '', // the server links the customer record (server/tickets/link-customer.ts)
    problem_statement: call.problemStatement,
    title: ticketTitle(call.title, call.problemStatement),
    status: shape.ticketStatus,
    assigned_user_id: caller.userId,
    created_by: caller.userId,
    created_at: now,
    updated_at: now,
  });
  await insertWalk(tx, caller, {walkId: call.walkId, ticketId: call.ticketId, ...shape}, now);
}

type NewWalk = {
  walkId: string;
  ticketId: string;
  walkStatus: WalkStatus;
  sessionKind: SessionKind;
  flowId?: string | null;
  proposalId?: string | null;
  currentNodeId?: string | null;
};

/** A walk of a ticket, driven by the caller from its first step. */
export async function insertWalk(tx: Transaction, caller: TandemContext, shape: NewWalk, now = Date.now()): Promise<void> {
  await tx.mutate.walk.insert({
    id: shape.walkId,
    account_id: caller.accountId,
    ticket_id: shape.ticketId,
    session_kind: shape.sessionKind,
    flow_id: shape.flowId ?? null,
    flow_proposal_id: shape.proposalId ?? null,
    flow_key: shape.flowId ?? '',
    proposal_key: shape.proposalId ?? '',
    status: shape.walkStatus,
    current_node_id: shape.currentNodeId ?? null,
    driver_user_id: caller.userId,
    started_by: caller.userId,
    acting_as: l1ActingAs(caller),
    notes: '',
    step_count: 0,
    state_version: 0,
    started_at: now,
    last_activity_at: now,
  });
}
