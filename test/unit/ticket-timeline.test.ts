import {describe, expect, it} from 'vitest';
import {stepsWithUndone, timelineOf} from '../../client/features/tickets/ticket-timeline.ts';
import {containsPattern} from '../../queries/tickets.ts';
import type {Handoff, Walk, WalkStep} from '../../schema/index.ts';

const step = (seq: number, kind: 'answer' | 'back', answer = `a${seq}`) => ({id: `s${seq}`, seq, kind, answer}) as unknown as WalkStep;

describe('a ticket’s history', () => {
  it('marks each answer a later step back took back as undone, newest standing answer first', () => {
    const steps = [step(1, 'answer'), step(2, 'answer'), step(3, 'back'), step(4, 'back'), step(5, 'answer'), step(6, 'answer'), step(7, 'back')];
    expect(stepsWithUndone(steps).map(s => [s.seq, s.undone])).toEqual([
      [1, true],
      [2, true],
      [3, false],
      [4, false],
      [5, false],
      [6, true],
      [7, false],
    ]);
  });

  it('orders walks and escalations by time and leaves parked handoffs out', () => {
    const walk = (id: string, at: number) => ({id, started_at: at, steps: [], lane: []}) as unknown as Walk & {steps: WalkStep[]; lane: []};
    const handoff = (id: string, at: number, intent = 'escalate') => ({id, escalated_at: at, intent}) as unknown as Handoff;
    const entries = timelineOf([walk('w2', 300), walk('w1', 100)], [handoff('h1', 200), handoff('p1', 250, 'park')]);
    expect(entries.map(e => (e.kind === 'walk' ? e.walk.id : e.handoff.id))).toEqual(['w1', 'h1', 'w2']);
  });

  it('searches for the typed text literally: LIKE wildcards and the escape are escaped', () => {
    expect(containsPattern('NW-1042')).toBe('%NW-1042%');
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
