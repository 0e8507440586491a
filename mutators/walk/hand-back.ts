import {defineMutator} from '../define.ts';
import {said} from '../facts.ts';
import * as v from 'valibot';
import {zql} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';
import {isEngineerOrOwner, requireContext} from '../../rules/permissions.ts';
import {loadOwned, mustLoadOwned} from '../../rules/tenancy.ts';
import {id} from '../../rules/validators.ts';
import {lockRow} from '../../rules/locks.ts';
import {touchWalk} from './active-walk.ts';

export const handBackArgs = v.object({
  walkId: id,
  /** Who drives next: the walk's L1 (who started it) or an engineer/owner of the account. */
  toUserId: id,
});

/**
 * The driver gives the wheel back after a take-over (docs/shared-walks.md): the walk's
 * own L1, or another engineer/owner, drives again and the caller watches.
 * A walk picked up from the queue is not handed back this way: its handoff
 * is released instead (docs/handoff.md).
 */
export const handBack = defineMutator(
  handBackArgs,
  {
    audit: a => ({type: 'walk', id: String(a.walkId), details: {toUserId: String(a.toUserId)}}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: a => ({label: 'Handed the walk back', walkId: said(a.walkId)}),
  },
  async ({tx, ctx, args}) => {
    const caller = requireContext(ctx);
    await lockRow(tx, 'walk', args.walkId);
    const walk = await mustLoadOwned(tx, caller, 'walk', args.walkId, 'Walk');
    if (walk.driver_user_id !== caller.userId) fail('forbidden', 'Only the walk’s driver can hand it back.');
    if (walk.status !== 'active') fail('invalid_state', `This walk is ${walk.status}.`, {status: walk.status});
    if (args.toUserId === caller.userId) return;
    const target = await loadOwned(tx, caller, 'member', args.toUserId, 'Member');
    // On the client the member may not be synced yet; the server decides.
    if (target) {
      if (!target.active) fail('invalid_state', `${target.name} is deactivated.`);
      if (target.id !== walk.started_by && !isEngineerOrOwner(target)) {
        fail('forbidden', `${target.name} cannot drive this walk: it goes back to the L1 who started it or to an engineer.`);
      }
    }
    const claimed = await tx.run(zql.handoff.where('walk_id', walk.id).where('status', 'claimed').one());
    if (claimed) fail('invalid_state', 'This walk was picked up from the queue: release the handoff to give it back.');
    // A covering engineer getting back the walk they started drives it as L1 again.
    const actingAs = target && target.id === walk.started_by && target.role === 'engineer' && target.can_cover_l1 ? 'l1_coverage' : 'self';
    await touchWalk(tx, walk, {driver_user_id: args.toUserId, acting_as: actingAs}, caller.userId);
  },
);
