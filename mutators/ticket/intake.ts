import {defineMutator} from '../define.ts';
import * as v from 'valibot';
import {fail} from '../../rules/errors.ts';
import {assertL1Workspace} from '../../rules/permissions.ts';
import {isReplayOfOwnRow} from '../../rules/tenancy.ts';
import {id, optionalText, requiredText} from '../../rules/validators.ts';
import {TITLE_MAX} from '../../rules/ticket-title.ts';
import {walkTarget} from '../walk/walk-target.ts';
import {insertCall} from './new-call.ts';

export const intakeArgs = v.pipe(
  v.object({
    ticketId: id,
    walkId: id,
    problemStatement: requiredText(4000),
    /** Optional (added after the contract's first arguments): blank or missing, one is made from the problem. */
    title: optionalText(TITLE_MAX),
    customerName: optionalText(200),
    customerContact: optionalText(200),
    flowId: v.optional(v.nullable(id)),
    proposalId: v.optional(v.nullable(id)),
  }),
  v.check(a => !(a.flowId && a.proposalId), 'choose a flow or a proposal, not both'),
);

/** Takes a call: creates the ticket and its walk in one mutation (docs/tickets.md). */
export const intake = defineMutator(
  intakeArgs,
  {
    audit: a => ({type: 'ticket', id: String(a.ticketId)}),
    l1Workspace: true,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = assertL1Workspace(ctx);
    if (args.ticketId === args.walkId) fail('invalid_input', 'ticketId and walkId must differ.', {field: 'walkId'});
    if (await isReplayOfOwnRow(tx, caller, 'ticket', args.ticketId, 'ticketId')) return;
    if (await isReplayOfOwnRow(tx, caller, 'walk', args.walkId, 'walkId')) {
      fail('invalid_input', 'walkId is already in use.', {field: 'walkId'});
    }
    const target = await walkTarget(tx, caller, args);
    await insertCall(tx, caller, args, {ticketStatus: 'walking', walkStatus: 'active', ...target});
  },
);
