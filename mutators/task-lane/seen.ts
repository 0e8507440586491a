import * as v from 'valibot';
import {zql} from '../../schema/index.ts';
import {defineMutator} from '../define.ts';
import {fail} from '../../rules/errors.ts';
import {requireContext} from '../../rules/permissions.ts';
import {mustLoadOwned} from '../../rules/tenancy.ts';
import {id} from '../../rules/validators.ts';

export const markSeenArgs = v.object({itemId: id});

/**
 * The walk's driver has seen a watcher's lane item (a whisper): it stops
 * being highlighted on the driver's screen, on every device of theirs. Only
 * the driver's eye counts; anyone else's call is a no-op. A read mark: no
 * audit row, not a walk change (no state_version bump).
 */
export const markSeen = defineMutator(
  markSeenArgs,
  {
    audit: false,
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = requireContext(ctx);
    const item = await tx.run(zql.task_lane_item.where('id', args.itemId).one());
    if (!item || item.account_id !== caller.accountId || item.deleted_at) {
      if (!item && tx.location === 'client') return;
      fail('not_found', 'Task-lane item not found.');
    }
    const walk = await mustLoadOwned(tx, caller, 'walk', item.walk_id, 'Walk');
    if (walk.driver_user_id !== caller.userId || item.author_user_id === caller.userId || item.seen_at != null) return;
    await tx.mutate.task_lane_item.update({id: item.id, seen_at: Date.now()});
  },
);
