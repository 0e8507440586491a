import {defineMutator} from '../define.ts';
import {said, quoted} from '../facts.ts';
import * as v from 'valibot';
import {LANE_KINDS, zql} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';
import {id, requiredText} from '../../rules/validators.ts';
import {touchWalk} from '../walk/active-walk.ts';
import {loadLaneWalk, nextPosition} from './lane-walk.ts';

export const addArgs = v.object({
  itemId: id,
  walkId: id,
  kind: v.picklist(LANE_KINDS),
  text: requiredText(2000),
});

/**
 * Adds a question, check, fact or suggested fix to a walk's lane (docs/shared-walks.md).
 * A new suggested fix supersedes the active one, which stays in history.
 */
export const add = defineMutator(
  addArgs,
  {
    audit: a => ({type: 'task_lane_item', id: String(a.itemId), details: {kind: String(a.kind)}}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: a => ({label: `Task lane item${quoted(a.text)}`, text: said(a.text), walkId: said(a.walkId)}),
  },
  async ({tx, ctx, args}) => {
    const existing = await tx.run(zql.task_lane_item.where('id', args.itemId).one());
    const {caller, walk} = await loadLaneWalk(tx, ctx, args.walkId, {adding: true});
    if (existing) {
      if (existing.account_id === caller.accountId && existing.walk_id === walk.id) return; // replay
      fail('invalid_input', 'itemId is already in use.', {field: 'itemId'});
    }
    const now = Date.now();
    const previousFixes =
      args.kind === 'suggested_fix'
        ? await tx.run(
            zql.task_lane_item.where('walk_id', walk.id).where('kind', 'suggested_fix').where('superseded_by', 'IS', null).where('deleted_at', 'IS', null),
          )
        : [];
    await tx.mutate.task_lane_item.insert({
      id: args.itemId,
      account_id: walk.account_id,
      walk_id: walk.id,
      kind: args.kind,
      text: args.text,
      state: 'open',
      author_user_id: caller.userId,
      position: await nextPosition(tx, walk.id),
      source: args.kind === 'fact' ? 'manual' : null,
      outcome: args.kind === 'suggested_fix' ? 'proposed' : null,
      created_at: now,
      updated_at: now,
    });
    for (const fix of previousFixes) await tx.mutate.task_lane_item.update({id: fix.id, superseded_by: args.itemId, updated_at: now});
    await touchWalk(tx, walk, {}, caller.userId);
  },
);
