import * as v from 'valibot';
import {defineMutator} from '../define.ts';
import {fail} from '../../rules/errors.ts';
import {assertOwner} from '../../rules/permissions.ts';
import {assertSeatFree} from '../../rules/seats.ts';
import {lockRow} from '../../rules/locks.ts';
import {mustLoadOwned} from '../../rules/tenancy.ts';
import {id} from '../../rules/validators.ts';
import {assertAnotherOwnerRemains} from './admin.ts';

export const transferOwnershipArgs = v.object({memberId: id});

/**
 * The only way anyone becomes owner (docs/tenancy.md): an owner hands ownership to
 * another active member of the account. It is a transfer, not a grant: the
 * target becomes owner and the caller becomes an engineer (which takes an
 * engineer seat like any role change toward engineer). The target is made
 * owner before the caller steps down, so the account is never without one.
 */
export const transferOwnership = defineMutator(
  transferOwnershipArgs,
  {
    audit: a => ({type: 'member', id: String(a.memberId), details: {role: 'owner'}}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: (a, ctx) => [String(a.memberId), ctx.userId],
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = assertOwner(ctx, 'transfer ownership');
    await lockRow(tx, 'account', caller.accountId);
    const target = await mustLoadOwned(tx, caller, 'member', args.memberId, 'Member');
    if (target.id === caller.userId) fail('invalid_input', 'Choose another member to transfer ownership to.', {field: 'memberId'});
    if (!target.active) fail('invalid_state', 'Ownership can only go to an active member.');
    if (target.role === 'owner') fail('invalid_state', `${target.name} is already an owner.`);
    await tx.mutate.member.update({id: target.id, role: 'owner', can_cover_l1: false});
    const self = await mustLoadOwned(tx, caller, 'member', caller.userId, 'Member');
    await assertAnotherOwnerRemains(tx, self);
    await assertSeatFree(tx, caller.accountId, 'engineer', caller.userId);
    await tx.mutate.member.update({id: caller.userId, role: 'engineer', can_cover_l1: false});
  },
);
