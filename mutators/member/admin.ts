import type {Transaction} from '@rocicorp/zero';
import {defineMutator} from '../define.ts';
import * as v from 'valibot';
import {ROLES, zql, type Member} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';
import {assertOwner, canManageAccount, requireContext} from '../../rules/permissions.ts';
import {assertSeatFree} from '../../rules/seats.ts';
import {lockRow} from '../../rules/locks.ts';
import {mustLoadOwned} from '../../rules/tenancy.ts';
import {id} from '../../rules/validators.ts';

/** Ownership stays with at least one active owner. */
export async function assertAnotherOwnerRemains(tx: Transaction, target: Member): Promise<void> {
  if (target.role !== 'owner' || !target.active) return;
  await lockRow(tx, 'account', target.account_id);
  const owners = await tx.run(zql.member.where('account_id', target.account_id).where('role', 'owner').where('active', true));
  if (!owners.some(o => o.id !== target.id)) fail('invalid_state', 'The account must keep at least one active owner.');
}

/** Any role but owner: ownership only moves by an explicit transfer (member.transferOwnership). */
export const ASSIGNABLE_ROLES = ROLES.filter(r => r !== 'owner') as [Exclude<(typeof ROLES)[number], 'owner'>, ...Exclude<(typeof ROLES)[number], 'owner'>[]];
export const changeRoleArgs = v.object({
  memberId: id,
  role: v.picklist(ASSIGNABLE_ROLES, 'must be engineer, l1_tech or viewer (ownership moves only by a transfer)'),
});

/** Owners change a member's role (never toward owner); moving toward a seated role re-checks the seat limit. */
export const changeRole = defineMutator(
  changeRoleArgs,
  {
    audit: a => ({type: 'member', id: String(a.memberId), details: {role: String(a.role)}}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: a => [String(a.memberId)],
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = assertOwner(ctx);
    const target = await mustLoadOwned(tx, caller, 'member', args.memberId, 'Member');
    if (target.role === args.role) return;
    await assertAnotherOwnerRemains(tx, target);
    if (target.active) await assertSeatFree(tx, caller.accountId, args.role, target.id);
    await tx.mutate.member.update({
      id: target.id,
      role: args.role,
      // Coverage is an engineer's setting only.
      can_cover_l1: args.role === 'engineer' ? target.can_cover_l1 : false,
    });
  },
);

export const setActiveArgs = v.object({memberId: id, active: v.boolean()});

/** Deactivate (frees the seat, ends sign-in and sync) or reactivate (needs a free seat). */
export const setActive = defineMutator(
  setActiveArgs,
  {
    audit: a => ({type: 'member', id: String(a.memberId), details: {active: Boolean(a.active)}}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: a => [String(a.memberId)],
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = assertOwner(ctx);
    const target = await mustLoadOwned(tx, caller, 'member', args.memberId, 'Member');
    if (target.active === args.active) return;
    if (target.id === caller.userId) fail('invalid_state', 'You cannot deactivate yourself.');
    if (args.active) await assertSeatFree(tx, caller.accountId, target.role, target.id);
    else await assertAnotherOwnerRemains(tx, target);
    await tx.mutate.member.update({id: target.id, active: args.active});
  },
);

export const setCoverageArgs = v.object({memberId: id, canCoverL1: v.boolean()});

/** Owners let an engineer cover L1 (never on themselves; engineers only). */
export const setCoverage = defineMutator(
  setCoverageArgs,
  {
    audit: a => ({type: 'member', id: String(a.memberId), details: {canCoverL1: Boolean(a.canCoverL1)}}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: a => [String(a.memberId)],
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = requireContext(ctx);
    if (!canManageAccount(caller)) fail('forbidden', 'Only owners set L1 coverage.');
    const target = await mustLoadOwned(tx, caller, 'member', args.memberId, 'Member');
    if (target.id === caller.userId) fail('forbidden', 'Nobody sets L1 coverage on themselves.');
    if (target.role !== 'engineer') fail('invalid_input', 'Only engineers can cover L1.', {field: 'memberId'});
    await tx.mutate.member.update({id: target.id, can_cover_l1: args.canCoverL1});
  },
);
