import type {Transaction} from '@rocicorp/zero';
import {defineMutator} from '../define.ts';
import {said} from '../facts.ts';
import * as v from 'valibot';
import {zql} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';
import {id} from '../../rules/validators.ts';
import {loadDrivenWalk, touchWalk} from './active-walk.ts';
import {definitionOf} from './flow-of-walk.ts';

export const stepBackArgs = v.object({walkId: id});

/** The nodes the walk stands on after replaying its steps: answers push, backs pop. */
async function nodeTrail(tx: Transaction, walkId: string): Promise<string[]> {
  const steps = await tx.run(zql.walk_step.where('walk_id', walkId).orderBy('seq', 'asc'));
  const trail: string[] = [];
  for (const s of steps) {
    if (s.kind === 'answer') trail.push(s.node_id);
    else trail.pop();
  }
  return trail;
}

/** Goes back to the previous node. Recorded as a step: history is never rewritten. */
export const stepBack = defineMutator(
  stepBackArgs,
  {
    audit: a => ({type: 'walk', id: String(a.walkId)}),
    l1Workspace: true,
    queuesWork: false,
    changesSessions: false,
    outbox: a => ({label: 'Stepped back', walkId: said(a.walkId)}),
  },
  async ({tx, ctx, args}) => {
    const {caller, walk} = await loadDrivenWalk(tx, ctx, args.walkId);
    const definition = await definitionOf(tx, caller, walk);
    const trail = await nodeTrail(tx, walk.id);
    const previous = trail.at(-1);
    if (!previous) fail('invalid_state', 'There is no earlier step to go back to.');
    const current = definition?.nodes.find(n => n.id === walk.current_node_id);
    const seq = walk.step_count + 1;
    await tx.mutate.walk_step.insert({
      id: `${walk.id}:${seq}`,
      account_id: walk.account_id,
      walk_id: walk.id,
      seq,
      node_id: walk.current_node_id ?? previous,
      question: current?.text ?? '',
      answer: 'Stepped back',
      option_id: null,
      note: null,
      kind: 'back',
      recorded_by: caller.userId,
      recorded_at: Date.now(),
    });
    await touchWalk(tx, walk, {current_node_id: previous, step_count: seq});
  },
);
