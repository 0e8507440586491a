import {defineMutator} from '../define.ts';
import {said, quoted} from '../facts.ts';
import * as v from 'valibot';
import {zql} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';
import {id, requiredText} from '../../rules/validators.ts';
import {touchWalk} from '../walk/active-walk.ts';
import {assertNotSuperseded, loadLaneItem, nextPosition} from './lane-walk.ts';

export const setStateArgs = v.object({itemId: id, state: v.picklist(['open', 'done', 'dismissed'])});

/** Open / done / dismissed: the driver or an engineer/owner. */
export const setState = defineMutator(
  setStateArgs,
  {
    audit: a => ({type: 'task_lane_item', id: String(a.itemId), details: {state: String(a.state)}}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const found = await loadLaneItem(tx, ctx, args.itemId);
    if (!found) return;
    assertNotSuperseded(found.item);
    if (found.item.state === args.state) return;
    await tx.mutate.task_lane_item.update({id: found.item.id, state: args.state, updated_at: Date.now()});
    await touchWalk(tx, found.walk, {}, found.caller.userId);
  },
);

export const answerArgs = v.object({
  itemId: id,
  answer: requiredText(2000),
  /** When given, the answer is also promoted to a fact with this id. */
  factId: v.optional(id),
});

/**
 * The customer's answer to a question: the question is done; optionally the
 * answer becomes a fact that keeps its provenance. A later answer edit flows
 * into that fact (facts from questions are edited through the question).
 */
export const answer = defineMutator(
  answerArgs,
  {
    audit: a => ({type: 'task_lane_item', id: String(a.itemId)}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: a => ({label: `Answer${quoted(a.answer)}`, text: said(a.answer)}),
  },
  async ({tx, ctx, args}) => {
    const found = await loadLaneItem(tx, ctx, args.itemId);
    if (!found) return;
    const {item, walk, caller} = found;
    if (item.kind !== 'question' && item.kind !== 'check') fail('invalid_input', 'Only questions and checks take an answer.');
    const derived = await tx.run(zql.task_lane_item.where('source_item_id', item.id).where('deleted_at', 'IS', null));
    // A fact id already taken (in any account) would make the server's insert
    // skip silently: the answer would be saved and the promised fact never made.
    if (args.factId && derived.length === 0 && (await tx.run(zql.task_lane_item.where('id', args.factId).one()))) {
      fail('invalid_input', 'factId is already in use.', {field: 'factId'});
    }
    const now = Date.now();
    await tx.mutate.task_lane_item.update({id: item.id, answer: args.answer, state: 'done', updated_at: now});
    for (const fact of derived) await tx.mutate.task_lane_item.update({id: fact.id, text: args.answer, updated_at: now});
    if (args.factId && derived.length === 0) {
      await tx.mutate.task_lane_item.insert({
        id: args.factId,
        account_id: walk.account_id,
        walk_id: walk.id,
        kind: 'fact',
        text: args.answer,
        state: 'open',
        author_user_id: caller.userId,
        position: await nextPosition(tx, walk.id),
        source: item.kind,
        source_item_id: item.id,
        created_at: now,
        updated_at: now,
      });
    }
    await touchWalk(tx, walk, {}, caller.userId);
  },
);

export const editArgs = v.object({itemId: id, text: requiredText(2000)});

export const edit = defineMutator(
  editArgs,
  {
    audit: a => ({type: 'task_lane_item', id: String(a.itemId)}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: a => ({label: `Task lane edit${quoted(a.text)}`, text: said(a.text)}),
  },
  async ({tx, ctx, args}) => {
    const found = await loadLaneItem(tx, ctx, args.itemId);
    if (!found) return;
    assertNotSuperseded(found.item);
    if (found.item.kind === 'fact' && found.item.source_item_id) {
      fail('invalid_state', 'This fact came from a question or check: edit its answer there.');
    }
    await tx.mutate.task_lane_item.update({id: found.item.id, text: args.text, updated_at: Date.now()});
    await touchWalk(tx, found.walk, {}, found.caller.userId);
  },
);

export const moveArgs = v.object({itemId: id, position: v.pipe(v.number(), v.finite())});

/** Reorders an item (by drag or keyboard): positions are fractional, ids never change. */
export const move = defineMutator(
  moveArgs,
  {
    audit: a => ({type: 'task_lane_item', id: String(a.itemId)}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const found = await loadLaneItem(tx, ctx, args.itemId);
    if (!found) return;
    await tx.mutate.task_lane_item.update({id: found.item.id, position: args.position, updated_at: Date.now()});
    await touchWalk(tx, found.walk, {}, found.caller.userId);
  },
);

export const removeArgs = v.object({itemId: id});

/** Soft delete: the row stays for history. */
export const remove = defineMutator(
  removeArgs,
  {
    audit: a => ({type: 'task_lane_item', id: String(a.itemId)}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const found = await loadLaneItem(tx, ctx, args.itemId);
    if (!found) return;
    assertNotSuperseded(found.item);
    await tx.mutate.task_lane_item.update({id: found.item.id, deleted_at: Date.now(), updated_at: Date.now()});
    await touchWalk(tx, found.walk, {}, found.caller.userId);
  },
);
