import {defineMutator} from '../define.ts';
import * as v from 'valibot';
import {zql} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';
import {openEscalation, reasonCategory, reasonDetails} from '../handoff/open-handoff.ts';
import {assertL1Workspace} from '../../rules/permissions.ts';
import {isReplayOfOwnRow} from '../../rules/tenancy.ts';
import {id, optionalText, requiredText} from '../../rules/validators.ts';
import {TITLE_MAX} from '../../rules/ticket-title.ts';
import {insertCall} from './new-call.ts';

export const escalateWithoutWalkArgs = v.object({
  ticketId: id,
  walkId: id,
  handoffId: id,
  problemStatement: requiredText(4000),
  /** Optional: blank or missing, one is made from the problem. */
  title: optionalText(TITLE_MAX),
  customerName: optionalText(200),
  customerContact: optionalText(200),
  reasonCategory,
  details: reasonDetails,
});

/**
 * Escalates straight from intake: the ticket and an already-escalated ad-hoc
 * walk, so reporting still counts the call (docs/walks.md).
 */
export const escalateWithoutWalk = defineMutator(
  escalateWithoutWalkArgs,
  {
    audit: a => ({type: 'ticket', id: String(a.ticketId)}),
    l1Workspace: true,
    queuesWork: true,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = assertL1Workspace(ctx);
    if (new Set([args.ticketId, args.walkId, args.handoffId]).size !== 3) {
      fail('invalid_input', 'ticketId, walkId and handoffId must differ.');
    }
    if (await isReplayOfOwnRow(tx, caller, 'ticket', args.ticketId, 'ticketId')) return;
    if (await isReplayOfOwnRow(tx, caller, 'walk', args.walkId, 'walkId')) {
      fail('invalid_input', 'walkId is already in use.', {field: 'walkId'});
    }
    // A handoff id already taken (in any account) would make the handoff insert
    // a silent no-op on the server: the call would be escalated into nothing.
    if (await tx.run(zql.handoff.where('id', args.handoffId).one())) {
      fail('invalid_input', 'handoffId is already in use.', {field: 'handoffId'});
    }
    await insertCall(tx, caller, args, {ticketStatus: 'escalated', walkStatus: 'escalated', sessionKind: 'adhoc'});
    const walk = {id: args.walkId, account_id: caller.accountId, ticket_id: args.ticketId};
    await openEscalation(tx, caller, walk, args.handoffId, args.reasonCategory, args.details, Date.now());
  },
);
