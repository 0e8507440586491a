import type {ServerTransaction, Transaction} from '@rocicorp/zero';
import type {TandemContext, Walk} from '../../schema/index.ts';
import {fail} from '../errors.ts';
import {requireContext} from '../permissions.ts';
import {mustLoadOwned} from '../tenancy.ts';

/**
 * On the server, takes the walk's row lock first so that concurrent changes
 * to one walk apply one after the other, each seeing the last one's result.
 */
export async function lockWalk(tx: Transaction, walkId: string): Promise<void> {
  if (tx.location !== 'server') return;
  await (tx as ServerTransaction).dbTransaction.query('select 1 from walk where id = $1 for update', [walkId]);
}

/**
 * The walk a driver's change is about: the caller's account's, still
 * `active`, and driven by the caller. Anything else is refused.
 */
export async function loadDrivenWalk(
  tx: Transaction,
  ctx: TandemContext | undefined,
  walkId: string,
): Promise<{caller: TandemContext; walk: Walk}> {
  const caller = requireContext(ctx);
  await lockWalk(tx, walkId);
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
): Promise<void> {
  const now = Date.now();
  if (tx.location === 'server') {
    await (tx as ServerTransaction).dbTransaction.query(
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
