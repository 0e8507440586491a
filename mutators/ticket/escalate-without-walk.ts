import {defineMutator} from '../define.ts';
import * as v from 'valibot';
import {fail} from '../errors.ts';
import {openEscalation, reasonCategory, reasonDetails} from '../handoff/open-handoff.ts';
import {assertL1Workspace, l1ActingAs} from '../permissions.ts';
import {isReplayOfOwnRow} from '../tenancy.ts';
import {id, optionalText, requiredText} from '../validators.ts';

export const escalateWithoutWalkArgs = v.object({
  ticketId: id,
  walkId: id,
  handoffId: id,
  problemStatement: requiredText(4000),
  customerName: optionalText(200),
  customerContact: optionalText(200),
  reasonCategory,
  details: reasonDetails,
});

/**
 * Escalates straight from intake: the ticket and an already-escalated ad-hoc
 * walk, so reporting still counts the call (SPEC §6).
 */
export const escalateWithoutWalk = defineMutator(escalateWithoutWalkArgs, async ({tx, ctx, args}) => {
  const caller = assertL1Workspace(ctx);
  if (new Set([args.ticketId, args.walkId, args.handoffId]).size !== 3) {
    fail('invalid_input', 'ticketId, walkId and handoffId must differ.');
  }
  if (await isReplayOfOwnRow(tx, caller, 'ticket', args.ticketId, 'ticketId')) return;
  if (await isReplayOfOwnRow(tx, caller, 'walk', args.walkId, 'walkId')) {
    fail('invalid_input', 'walkId is already in use.', {field: 'walkId'});
  }
  const now = Date.now();
  await tx.mutate.ticket.insert({
    id: args.ticketId,
    account_id: caller.accountId,
    kind: 'internal',
    customer_name: args.customerName || null,
    customer_contact: args.customerContact || null,
    problem_statement: args.problemStatement,
    status: 'escalated',
    assigned_user_id: caller.userId,
    created_by: caller.userId,
    created_at: now,
    updated_at: now,
  });
  const walk = {id: args.walkId, account_id: caller.accountId, ticket_id: args.ticketId};
  await tx.mutate.walk.insert({
    ...walk,
    session_kind: 'adhoc',
    flow_id: null,
    flow_proposal_id: null,
    status: 'escalated',
    current_node_id: null,
    driver_user_id: caller.userId,
    started_by: caller.userId,
    acting_as: l1ActingAs(caller),
    notes: '',
    step_count: 0,
    state_version: 0,
    started_at: now,
    last_activity_at: now,
  });
  await openEscalation(tx, caller, walk, args.handoffId, args.reasonCategory, args.details, now);
});
