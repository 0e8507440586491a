import type {Transaction} from '@rocicorp/zero';
import type {TandemContext, Walk} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';
import {requireContext} from '../../rules/permissions.ts';
import {lockRow} from '../../rules/locks.ts';
import {asServerTransaction} from '../../rules/server-transaction.ts';
import {mustLoadOwned} from '../../rules/tenancy.ts';

/**
 * The walk a driver's change is about: the caller's account's, still
 * `active`, and driven by the caller. Anything else is refused.
 */
export async function loadDrivenWalk(tx: Transaction, ctx: TandemContext | undefined, walkId: string): Promise<{caller: TandemContext; walk: Walk}> {
  const caller = requireContext(ctx);
  await lockRow(tx, 'walk', walkId);
  const walk = await mustLoadOwned(tx, caller, 'walk', walkId, 'Walk');
  if (walk.status !== 'active') fail('invalid_state', `This walk is ${walk.status}; it can no longer change.`, {status: walk.status});
  if (walk.driver_user_id !== caller.userId) fail('forbidden', 'Only the walk’s driver can change it.');
  return {caller, walk};
}

/**
 * Every change to a walk bumps its state_version and activity time. On the
 * server it also stamps the claimer's first action after a claim (for the
 * time-to-first-action metric).
 */
export async function touchWalk(
  tx: Transaction,
  walk: Walk,
  patch: Partial<Walk> = {},
  actorId: string = walk.driver_user_id,
  now: number = Date.now(),
): Promise<void> {
  if (tx.location === 'server') {
    await asServerTransaction(tx).dbTransaction.query(
      `update handoff set first_action_at = $1
       where walk_id = $2 and status = 'claimed' and claimed_by = $3 and first_action_at is null`,
      [now, walk.id, actorId],
    );
  }
  await tx.mutate.walk.update({
    ...patch,
    id: walk.id,
    state_version: walk.state_version + 1,
    last_activity_at: now,
  });
}
