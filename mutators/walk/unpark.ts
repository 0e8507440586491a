import {defineMutator} from '../define.ts';
import {said} from '../facts.ts';
import * as v from 'valibot';
import {zql} from '../../schema/index.ts';
import {id} from '../../rules/validators.ts';
import {loadDrivenWalk, touchWalk} from './active-walk.ts';

export const unparkArgs = v.object({walkId: id});

/**
 * Picks a parked walk up again (the customer is back): its open `park`
 * handoff resolves and the walk counts as active again for the 24 h rule.
 * Picking up a walk that is not parked changes nothing (a replay).
 */
export const unpark = defineMutator(
  unparkArgs,
  {
    audit: a => ({type: 'walk', id: String(a.walkId)}),
    l1Workspace: true,
    queuesWork: false,
    changesSessions: false,
    outbox: a => ({label: 'Picked the walk up again', walkId: said(a.walkId)}),
  },
  async ({tx, ctx, args}) => {
    const {caller, walk} = await loadDrivenWalk(tx, ctx, args.walkId);
    const parked = await tx.run(zql.handoff.where('walk_id', walk.id).where('intent', 'park').where('status', 'open'));
    if (parked.length === 0) return;
    const now = Date.now();
    for (const handoff of parked) await tx.mutate.handoff.update({id: handoff.id, status: 'resolved', resolved_at: now});
    await touchWalk(tx, walk, {}, caller.userId);
  },
);
