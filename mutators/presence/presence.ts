import {defineMutator} from '../define.ts';
import * as v from 'valibot';
import {zql} from '../../schema/index.ts';
import {requireContext} from '../../rules/permissions.ts';
import {loadOwned} from '../../rules/tenancy.ts';
import {id} from '../../rules/validators.ts';

/** A viewer disappears this long after their last heartbeat (the server sweeps). */
export const PRESENCE_TTL_MS = 7_000;
export const HEARTBEAT_MS = 3_000;

export const presenceArgs = v.object({walkId: id});

/** One presence row per person per walk: its id. */
export function presenceId(walkId: string, userId: string): string {
  return `${walkId}:${userId}`;
}

/**
 * "I'm looking at this walk": one row per person per walk, refreshed every
 * few seconds. Not audited and not a walk change (no state_version bump).
 */
export const heartbeat = defineMutator(
  presenceArgs,
  {
    audit: false,
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = requireContext(ctx);
    const walk = await loadOwned(tx, caller, 'walk', args.walkId, 'Walk');
    if (!walk) return;
    const id = presenceId(walk.id, caller.userId);
    const mode = walk.driver_user_id === caller.userId ? 'driving' : 'watching';
    // A beat that changes nothing anyone sees leaves the synced row alone: a
    // write would reach every viewer of the walk, every few seconds each. The
    // server keeps such beats off the synced tables (server/zero/server-mutators.ts).
    const existing = await tx.run(zql.walk_presence.where('id', id).one());
    if (existing && existing.mode === mode) return;
    await tx.mutate.walk_presence.upsert({
      id,
      account_id: caller.accountId,
      walk_id: walk.id,
      user_id: caller.userId,
      mode,
      last_seen: Date.now(),
    });
  },
);

/**
 * Leaving the walk (tab closed, navigated away) removes the row at once.
 * Like every mutator, it names only walks of the caller's account.
 */
export const leave = defineMutator(
  presenceArgs,
  {
    audit: false,
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = requireContext(ctx);
    const walk = await loadOwned(tx, caller, 'walk', args.walkId, 'Walk');
    if (!walk) return;
    await tx.mutate.walk_presence.delete({id: presenceId(walk.id, caller.userId)});
  },
);
