import {defineMutator} from '../define.ts';
import {said} from '../facts.ts';
import * as v from 'valibot';
import {fail} from '../../rules/errors.ts';
import {id, optionalText} from '../../rules/validators.ts';
import {loadDrivenWalk, touchWalk} from './active-walk.ts';
import {definitionOf} from './flow-of-walk.ts';

export const recordStepArgs = v.object({
  walkId: id,
  nodeId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  optionId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  note: optionalText(4000),
});

/** Records the customer's answer at the current node and moves to the option's target (docs/walks.md). */
export const recordStep = defineMutator(
  recordStepArgs,
  {
    audit: a => ({type: 'walk', id: String(a.walkId)}),
    l1Workspace: true,
    queuesWork: false,
    changesSessions: false,
    outbox: a => ({label: 'Step answered', text: said(a.note), walkId: said(a.walkId)}),
  },
  async ({tx, ctx, args}) => {
    const {caller, walk} = await loadDrivenWalk(tx, ctx, args.walkId);
    const definition = await definitionOf(tx, caller, walk);
    if (!definition) return; // client without the flow: the server decides
    if (args.nodeId !== walk.current_node_id) {
      fail('invalid_state', 'That step does not follow from the walk’s current node.', {
        currentNodeId: walk.current_node_id ?? null,
      });
    }
    const node = definition.nodes.find(n => n.id === args.nodeId);
    if (!node) fail('invalid_input', 'That node is not part of this flow.', {field: 'nodeId'});
    const option = node.options.find(o => o.id === args.optionId);
    if (!option) fail('invalid_input', 'That answer is not an option of the current node.', {field: 'optionId'});

    const seq = walk.step_count + 1;
    await tx.mutate.walk_step.insert({
      id: `${walk.id}:${seq}`,
      account_id: walk.account_id,
      walk_id: walk.id,
      seq,
      node_id: node.id,
      question: node.text,
      answer: option.label,
      option_id: option.id,
      note: args.note || null,
      kind: 'answer',
      recorded_by: caller.userId,
      recorded_at: Date.now(),
    });
    await touchWalk(tx, walk, {current_node_id: option.next, step_count: seq});
  },
);
