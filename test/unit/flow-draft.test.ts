import {describe, expect, it} from 'vitest';
import {draftFlow, localFlowDraft} from '../../server/writers/flow-draft.ts';
import {flowProblems} from '../../schema/flow-validation.ts';
import {fakeModel} from '../support/fake-model.ts';

describe('flow proposal drafting', () => {
  it('the deterministic draft is walkable', () => {
    expect(flowProblems(localFlowDraft('Webcam flickers').definition)).toEqual([]);
  });

  it('keeps a valid AI tree', async () => {
    const tree = {
      start: 'a',
      nodes: [
        {id: 'a', kind: 'question', text: 'Is it on?', options: [{id: 'y', label: 'Yes', next: 'b'}]},
        {id: 'b', kind: 'resolution', text: 'Escalate: still broken', options: []},
      ],
    };
    const draft = await draftFlow('Webcam flickers', {client: fakeModel(() => JSON.stringify({title: 'Webcam flickers', definition: tree})), model: 'm'}, () => {});
    expect(draft.writer).toBe('ai');
    expect(draft.definition).toEqual(tree);
  });

  it('never keeps an AI tree that fails validation: the template is used instead', async () => {
    const broken = {start: 'a', nodes: [{id: 'a', kind: 'question', text: 'Is it on?', options: [{id: 'y', label: 'Yes', next: 'nowhere'}]}]};
    const lines: string[] = [];
    const draft = await draftFlow('Webcam flickers', {client: fakeModel(() => JSON.stringify({title: 'T', definition: broken})), model: 'm'}, l => lines.push(l));
    expect(draft.writer).toBe('local');
    expect(flowProblems(draft.definition)).toEqual([]);
    expect(lines.join('\n')).toContain('rejected');
  });
});
