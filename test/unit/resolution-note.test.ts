import {describe, expect, it} from 'vitest';
import {renderNote, writeResolutionNote, type NoteInput} from '../../server/ai/resolution-note.ts';
import {fakeModel} from '../support/fake-model.ts';

const input: NoteInput = {
  problem: 'Printer offline for one user',
  reason: '',
  details: null,
  flowTitle: 'Printer offline',
  steps: [{question: 'Is it only you?', answer: 'Just this user', note: null, kind: 'answer'}],
  notes: '',
  currentNode: 'Resolved: a stuck job was blocking printing.',
  facts: ['Queue had a stuck job; pin is 4455'],
  fixThatWorked: null,
  atResolution: true,
};

describe('the resolution note', () => {
  it('local writer: Problem / What we confirmed / Root cause / Resolution, secrets redacted', async () => {
    const {note, writer} = await writeResolutionNote(input, undefined, () => {});
    expect(writer).toBe('local');
    const text = renderNote(note);
    expect(text.split('\n\n').map(s => s.split('\n')[0])).toEqual(['Problem', 'What we confirmed', 'Root cause', 'Resolution']);
    expect(text).toContain('Is it only you: Just this user.');
    expect(text).not.toContain('4455');
  });

  it('says plainly when nothing was confirmed and the cause is unknown', async () => {
    const {note} = await writeResolutionNote({...input, steps: [], facts: [], atResolution: false, currentNode: null}, undefined, () => {});
    expect(note.confirmed).toEqual(['Nothing confirmed yet.']);
    expect(note.rootCause).toBe('Root cause not definitively isolated.');
  });

  it('AI writer when it answers well, local writer when it does not', async () => {
    const good = fakeModel(() => JSON.stringify({problem: 'P', confirmed: ['C'], rootCause: 'R', resolution: 'S'}));
    expect((await writeResolutionNote(input, {client: good, model: 'm'}, () => {})).writer).toBe('ai');
    expect(String(good.calls[0].params.messages[0].content)).not.toContain('4455');
    const bad = fakeModel(() => 'not json');
    expect((await writeResolutionNote(input, {client: bad, model: 'm'}, () => {})).writer).toBe('local');
  });
});
