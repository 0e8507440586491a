import type {Transaction} from '@rocicorp/zero';
import {zql, type TandemContext, type TaskLaneItem, type Walk} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';
import {isEngineerOrOwner, requireContext} from '../../rules/permissions.ts';
import {loadOwned, mustLoadOwned} from '../../rules/tenancy.ts';
import {lockRow} from '../../rules/locks.ts';

/**
 * The walk a lane change is about: the caller's account's, `active`, and the
 * caller is its driver or an engineer/owner (a watching engineer whispers).
 * Adding is open to one more person (docs/shared-walks.md, "both the L1 and a watching
 * engineer can add items"): the L1 who started the walk, still adding while
 * an engineer who took over drives.
 */
export async function loadLaneWalk(
  tx: Transaction,
  ctx: TandemContext | undefined,
  walkId: string,
  {adding = false}: {adding?: boolean} = {},
): Promise<{caller: TandemContext; walk: Walk}> {
  const caller = requireContext(ctx);
  await lockRow(tx, 'walk', walkId);
  const walk = await mustLoadOwned(tx, caller, 'walk', walkId, 'Walk');
  if (walk.status !== 'active') fail('invalid_state', `This walk is ${walk.status}; its lane can no longer change.`, {status: walk.status});
  if (!mayChangeLane(walk, caller) && !(adding && mayAddToLane(walk, caller))) {
    fail('forbidden', 'Only the walk’s driver or an engineer can change its task lane.');
  }
  return {caller, walk};
}

/** The driver or an engineer/owner: changes the lane's items. */
export function mayChangeLane(walk: Pick<Walk, 'driver_user_id'>, caller: Pick<TandemContext, 'userId' | 'role'>): boolean {
  return walk.driver_user_id === caller.userId || isEngineerOrOwner(caller);
}

/** Those who change the lane, and the walk's own L1 (who started it), add to it. */
export function mayAddToLane(walk: Pick<Walk, 'driver_user_id' | 'started_by'>, caller: Pick<TandemContext, 'userId' | 'role'>): boolean {
  return mayChangeLane(walk, caller) || (walk.started_by === caller.userId && caller.role !== 'viewer');
}

/** A lane item (not deleted) with its walk, checked as above. */
export async function loadLaneItem(
  tx: Transaction,
  ctx: TandemContext | undefined,
  itemId: string,
): Promise<{caller: TandemContext; walk: Walk; item: TaskLaneItem} | undefined> {
  const caller = requireContext(ctx);
  const item = await loadOwned(tx, caller, 'task_lane_item', itemId, 'Task-lane item');
  if (!item) return undefined;
  if (item.deleted_at) fail('not_found', 'Task-lane item not found.');
  const {walk} = await loadLaneWalk(tx, caller, item.walk_id);
  // Re-read under the walk's lock: the item may have changed while we waited.
  const fresh = (await tx.run(zql.task_lane_item.where('id', itemId).one())) ?? item;
  return {caller, walk, item: fresh};
}

/** Writes to a superseded suggested fix are refused. */
export function assertNotSuperseded(item: TaskLaneItem): void {
  if (item.kind === 'suggested_fix' && item.superseded_by) {
    fail('invalid_state', 'A newer suggested fix replaced this one; it can no longer change.');
  }
}

export async function nextPosition(tx: Transaction, walkId: string): Promise<number> {
  const items = await tx.run(zql.task_lane_item.where('walk_id', walkId).orderBy('position', 'desc').limit(1));
  return (items[0]?.position ?? 0) + 1;
}
