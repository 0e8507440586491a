import {defineMutator} from '../define.ts';
import * as v from 'valibot';
import {FIX_OUTCOMES, type FixOutcome} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';
import {id, optionalText} from '../../rules/validators.ts';
import {touchWalk} from '../walk/active-walk.ts';
import {assertNotSuperseded, loadLaneItem} from './lane-walk.ts';

const FINAL: FixOutcome[] = ['applied_success', 'applied_failed', 'dismissed'];

export const markAppliedArgs = v.object({itemId: id});

/** "I ran this": the only thing that sets applied_at; the fix is then verifying. */
export const markApplied = defineMutator(
  markAppliedArgs,
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
    const {item} = found;
    if (item.kind !== 'suggested_fix') fail('invalid_input', 'Only a suggested fix can be applied.');
    assertNotSuperseded(item);
    if (FINAL.includes(item.outcome as FixOutcome)) fail('invalid_state', `This fix is already ${item.outcome}.`);
    if (item.applied_at) return;
    await tx.mutate.task_lane_item.update({id: item.id, applied_at: Date.now(), updated_at: Date.now()});
    await touchWalk(tx, found.walk, {}, found.caller.userId);
  },
);

export const recordOutcomeArgs = v.pipe(
  v.object({
    itemId: id,
    outcome: v.picklist(FIX_OUTCOMES.filter(o => o !== 'proposed') as [FixOutcome, ...FixOutcome[]]),
    pendingReason: optionalText(500),
    note: optionalText(2000),
    failureReason: optionalText(500),
  }),
  v.check(a => a.outcome !== 'applied_pending' || !!a.pendingReason?.trim(), 'awaiting verification needs a pending reason'),
  v.check(a => a.outcome !== 'applied_partial' || !!a.note?.trim(), 'a partial outcome needs a note'),
);

/**
 * What happened with the fix (docs/shared-walks.md): from proposed, pending or partial any
 * outcome may follow; success, failed and dismissed are final.
 */
export const recordOutcome = defineMutator(
  recordOutcomeArgs,
  {
    audit: a => ({type: 'task_lane_item', id: String(a.itemId), details: {outcome: String(a.outcome)}}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const found = await loadLaneItem(tx, ctx, args.itemId);
    if (!found) return;
    const {item} = found;
    if (item.kind !== 'suggested_fix') fail('invalid_input', 'Only a suggested fix has an outcome.');
    assertNotSuperseded(item);
    if (FINAL.includes(item.outcome as FixOutcome)) fail('invalid_state', `This fix is already ${item.outcome}; that is final.`);
    const now = Date.now();
    await tx.mutate.task_lane_item.update({
      id: item.id,
      outcome: args.outcome,
      pending_reason: args.outcome === 'applied_pending' ? (args.pendingReason ?? null) : (item.pending_reason ?? null),
      outcome_note: args.note ?? item.outcome_note ?? null,
      failure_reason: args.outcome === 'applied_failed' ? (args.failureReason ?? null) : (item.failure_reason ?? null),
      state: FINAL.includes(args.outcome) ? (args.outcome === 'dismissed' ? 'dismissed' : 'done') : item.state,
      updated_at: now,
    });
    await touchWalk(tx, found.walk, {}, found.caller.userId);
  },
);
