import {defineMutator} from '../define.ts';
import {said} from '../facts.ts';
import * as v from 'valibot';
import {zql} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';
import {assertEngineerOrOwner} from '../../rules/permissions.ts';
import {mustLoadOwned} from '../../rules/tenancy.ts';
import {id} from '../../rules/validators.ts';
import {lockRow} from '../../rules/locks.ts';
import {touchWalk} from './active-walk.ts';

export const takeOverArgs = v.object({
  walkId: id,
  /** The driver the engineer saw: if someone else took over first, this one is refused. */
  expectedDriverId: id,
});

/**
 * A watching engineer takes the wheel: the driver changes, the previous
 * driver becomes a watcher. Of two engineers pressing at once, exactly one
 * becomes driver.
 */
export const takeOver = defineMutator(
  takeOverArgs,
  {
    audit: a => ({type: 'walk', id: String(a.walkId)}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: a => ({label: 'Took over the walk', walkId: said(a.walkId)}),
  },
  async ({tx, ctx, args}) => {
    const caller = assertEngineerOrOwner(ctx);
    await lockRow(tx, 'walk', args.walkId);
    const walk = await mustLoadOwned(tx, caller, 'walk', args.walkId, 'Walk');
    if (walk.status !== 'active') fail('invalid_state', `This walk is ${walk.status}.`, {status: walk.status});
    if (walk.driver_user_id === caller.userId) return;
    if (walk.driver_user_id !== args.expectedDriverId) {
      const driver = await tx.run(zql.member.where('id', walk.driver_user_id).one());
      fail('invalid_state', `${driver?.name ?? 'Someone else'} is driving this walk now.`, {driver_user_id: walk.driver_user_id});
    }
    await touchWalk(tx, walk, {driver_user_id: caller.userId, acting_as: 'self'}, caller.userId);
  },
);
