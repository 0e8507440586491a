import type {Transaction} from '@rocicorp/zero';
import {zql, type Handoff, type Walk} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';

/**
 * The walk a claim or release is about, refused once it has moved on
 * (docs/handoff.md): a resolved or abandoned walk is never brought back by a
 * handoff; only an explicit reopen of the ticket could. Undefined on a
 * client that has not synced the walk (the server decides).
 */
export async function loadWalkStillOpen(tx: Transaction, handoff: Handoff): Promise<Walk | undefined> {
  const walk = await tx.run(zql.walk.where('id', handoff.walk_id).one());
  if (walk && (walk.status === 'resolved' || walk.status === 'abandoned')) {
    fail('invalid_state', `This walk was ${walk.status}; its handoff can no longer be picked up or released.`, {status: walk.status});
  }
  return walk;
}

/**
 * Closes every handoff of a walk that is still open or claimed (the claimed
 * escalation, a park): resolving the walk ends the whole case at once.
 * A resolve by the claimer is their first action if none was stamped yet.
 */
export async function closeHandoffsOfWalk(tx: Transaction, walkId: string, actorId: string, now: number): Promise<void> {
  const handoffs = await tx.run(zql.handoff.where('walk_id', walkId).where('status', '!=', 'resolved'));
  for (const h of handoffs) {
    await tx.mutate.handoff.update({
      id: h.id,
      status: 'resolved',
      resolved_at: now,
      ...(h.status === 'claimed' && h.claimed_by === actorId && h.first_action_at == null ? {first_action_at: now} : {}),
    });
  }
}
