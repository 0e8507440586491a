import {describe, expect, it} from 'vitest';
import {actionWords, auditSentence} from '../../client/features/team/audit-sentences.ts';
import {fixBadge} from '../../client/features/walk/TaskLane.tsx';

const text = (parts: ReturnType<typeof auditSentence>) => parts.map(p => (typeof p === 'string' ? p : p.label)).join(' ');

describe('audit sentences', () => {
  it('names the walk by its ticket and links it', () => {
    const parts = auditSentence(
      {action: 'walk.takeOver', subject_type: 'walk', subject_id: 'w1', subjectWalk: {id: 'w1', ticket: {id: 't1', ref: 'NW-1042'}}},
      () => undefined,
    );
    expect(text(parts)).toBe('took over the walk on NW-1042');
    expect(parts).toContainEqual({label: 'the walk on NW-1042', href: '/walks/w1'});
  });
  it('reads details in words, and names a member handed to', () => {
    const row = {
      action: 'walk.handBack',
      subject_type: 'walk',
      subject_id: 'w1',
      details: {toUserId: 'u2'},
      subjectWalk: {id: 'w1', ticket: {id: 't', ref: 'NW-7'}},
    };
    expect(text(auditSentence(row, id => (id === 'u2' ? 'Lee Linden' : undefined)))).toBe('handed the walk on NW-7 back to Lee Linden');
    expect(
      text(
        auditSentence(
          {action: 'member.setActive', subject_type: 'member', subject_id: 'm', details: {active: false}, subjectMember: {id: 'm', name: 'Bailey'}},
          () => undefined,
        ),
      ),
    ).toBe('deactivated Bailey');
    expect(actionWords('taskLane.recordFixOutcome')).toBe('recorded that the fix … changed');
  });
  it('an unknown action reads as its name rather than failing', () => {
    expect(text(auditSentence({action: 'future.thing', subject_type: 'account', subject_id: 'a'}, () => undefined))).toBe('future.thing the account');
  });
});

describe('fix badges say what happened', () => {
  const base = {applied_at: null, pending_reason: null, superseded_by: null};
  it.each([
    [{...base, outcome: 'proposed'}, 'proposed'],
    [{...base, outcome: 'proposed', applied_at: 1}, 'verifying'],
    [{...base, outcome: 'applied_pending', pending_reason: 'Needs a reboot'}, 'pending: Needs a reboot'],
    [{...base, outcome: 'applied_success'}, 'worked'],
    [{...base, outcome: 'applied_partial'}, 'partly'],
    [{...base, outcome: 'applied_failed'}, 'failed'],
    [{...base, outcome: 'dismissed'}, 'dismissed'],
    [{...base, outcome: 'applied_success', superseded_by: 'x'}, 'superseded'],
  ] as const)('%o → %s', (item, badge) => {
    expect(fixBadge(item as Parameters<typeof fixBadge>[0])).toBe(badge);
  });
});
