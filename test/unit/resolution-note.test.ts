import {describe, expect, it} from 'vitest';
import {renderNote, writeResolutionNote} from '../../server/writers/resolution-note.ts';
import {emptyWalkRecord, recordSteps, type WalkRecord} from '../../server/writers/walk-record.ts';
import {fakeModel} from '../support/fake-model.ts';

const input: WalkRecord = {
  ...emptyWalkRecord('Printer offline for one user'),
  flowTitle: 'Printer offline',
  steps: recordSteps([
    {question: 'Is it only you?', answer: 'Just this user', note: null, kind: 'answer'},
    {question: 'Is the printer on?', answer: 'No', note: null, kind: 'answer'},
    {question: 'Is the printer on?', answer: 'Stepped back', note: null, kind: 'back'},
  ]),
  notes: 'Cleared the queue\nPrinted a test page',
  stoppedAt: 'Resolved: a stuck job was blocking printing.',
  atResolution: true,
  facts: [{text: 'Yes, a stuck job; pin is 4455', source: 'question', answers: 'Was there a job stuck in the queue?'}],
};

describe('the resolution note', () => {
  it('local writer: Problem / What we confirmed / Root cause / Resolution, undone steps out, facts with questions, notes kept, secrets redacted', async () => {
    const {note, writer} = await writeResolutionNote(input, undefined, () => {});
    expect(writer).toBe('local');
    const text = renderNote(note);
    expect(
      text
        .split('\n\n')
        .map(s => s.split('\n')[0])
        .slice(0, 4),
    ).toEqual(['Problem', 'What we confirmed', 'Root cause', 'Resolution']);
    expect(note.confirmed).toEqual(['Is it only you: Just this user.', 'Was there a job stuck in the queue: Yes, a stuck job; pin is [redacted]']);
    expect(text).not.toContain('Is the printer on');
    expect(text).not.toContain('4455');
    expect(note.resolution).toContain('Notes from the call:\n- Cleared the queue\n- Printed a test page');
  });

  it('the fix that worked is the resolution, and the cause is not called unknown', async () => {
    const {note} = await writeResolutionNote(
      {
        ...input,
        atResolution: false,
        stoppedAt: null,
        notes: '',
        fixes: [{text: 'Restart the print spooler', outcome: 'applied_success', ran: true, pendingReason: null, note: null, failureReason: null, superseded: false}],
      },
      undefined,
      () => {},
    );
    expect(note.resolution).toBe('Restart the print spooler');
    expect(note.rootCause).not.toContain('not definitively isolated');
  });

  it('says plainly when nothing was confirmed and the cause is unknown', async () => {
    const {note} = await writeResolutionNote(emptyWalkRecord('Printer offline'), undefined, () => {});
    expect(note.confirmed).toEqual(['Nothing confirmed yet.']);
    expect(note.rootCause).toBe('Root cause not definitively isolated.');
  });

  it('AI writer when it answers well, local writer when it does not', async () => {
    const good = fakeModel(() => JSON.stringify({problem: 'P', confirmed: ['C'], rootCause: 'R', resolution: 'S\nline two'}));
    const ai = await writeResolutionNote(input, {client: good, model: 'm'}, () => {});
    expect(ai.writer).toBe('ai');
    expect(renderNote(ai.note)).toContain('S\nline two');
    const sent = String(good.calls[0].params.messages[0].content);
    expect(sent).not.toContain('4455');
    const record = JSON.parse(sent.replace(/^Walk record \(JSON\):\n/, ''));
    expect(record.steps.map((s: {answer: string; undone: boolean}) => `${s.answer}:${s.undone}`)).toEqual(['Just this user:false', 'No:true']);
    expect(record.facts[0].answers).toBe('Was there a job stuck in the queue?');
    expect(record.notes).toBe('Cleared the queue\nPrinted a test page');
    const bad = fakeModel(() => 'not json');
    expect((await writeResolutionNote(input, {client: bad, model: 'm'}, () => {})).writer).toBe('local');
  });
});
