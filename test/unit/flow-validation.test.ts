import {describe, expect, it} from 'vitest';
import type {FlowDefinition} from '../../schema/flow-definition.ts';
import {flowProblems} from '../../schema/flow-validation.ts';
import {demoFlows} from '../../server/seed/demo-flows.ts';

const ok: FlowDefinition = {
  start: 'q',
  nodes: [
    {
      id: 'q',
      kind: 'question',
      text: 'Does it print?',
      options: [
        {id: 'y', label: 'Yes', next: 'done'},
        {id: 'n', label: 'No', next: 'esc'},
      ],
    },
    {id: 'done', kind: 'resolution', text: 'Fixed', options: []},
    {id: 'esc', kind: 'resolution', text: 'Escalate', options: []},
  ],
};

describe('flowProblems', () => {
  it('accepts a walkable tree and every seeded demo flow', () => {
    expect(flowProblems(ok)).toEqual([]);
    for (const flow of demoFlows) expect(flowProblems(flow.definition), flow.title).toEqual([]);
  });

  it('names the node of each problem', () => {
    const dangling = structuredClone(ok);
    dangling.nodes[0].options[1].next = 'nowhere';
    expect(flowProblems(dangling)).toContainEqual(expect.objectContaining({nodeId: 'q', message: expect.stringContaining('"nowhere"')}));

    const unreachable = structuredClone(ok);
    unreachable.nodes.push({id: 'orphan', kind: 'resolution', text: 'Lost', options: []});
    expect(flowProblems(unreachable)).toEqual([{nodeId: 'orphan', message: 'Node "orphan" cannot be reached from the start.'}]);

    const noResolution: FlowDefinition = {start: 'a', nodes: [{id: 'a', kind: 'question', text: 'Loop?', options: [{id: 'x', label: 'Again', next: 'a'}]}]};
    expect(flowProblems(noResolution).map(p => p.message)).toContain('The flow has no resolution node.');

    const leaf = structuredClone(ok);
    leaf.nodes[1].kind = 'instruction';
    expect(flowProblems(leaf)).toContainEqual(expect.objectContaining({nodeId: 'done'}));

    const badStart = {...structuredClone(ok), start: 'missing'};
    expect(flowProblems(badStart)[0]).toEqual({nodeId: null, message: 'The start node "missing" does not exist.'});

    const dup = structuredClone(ok);
    dup.nodes.push({...dup.nodes[1]});
    expect(flowProblems(dup)).toContainEqual(expect.objectContaining({nodeId: 'done', message: expect.stringContaining('share the id')}));
  });
});
