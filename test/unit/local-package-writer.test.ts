import {describe, expect, it} from 'vitest';
import {writeLocalPackage} from '../../server/handoff/local-package-writer.ts';

describe('the deterministic escalation package writer', () => {
  const base = {problem: 'VPN drops every 10 minutes', reason: 'Tree dead-ended', details: null, flowTitle: 'VPN keeps dropping', notes: '', currentNode: null};

  it('says plainly what is missing and still gives 2–4 next steps', () => {
    const {package: p, assessment} = writeLocalPackage({...base, steps: []});
    expect(p.confirmed).toEqual(['Nothing confirmed yet.']);
    expect(p.tried).toEqual(['No diagnostic actions run yet.']);
    expect(p.hypothesis).toContain('Root cause not definitively isolated.');
    expect(p.nextSteps.length).toBeGreaterThanOrEqual(2);
    expect(p.nextSteps.length).toBeLessThanOrEqual(4);
    expect(assessment.confidence).toBeGreaterThanOrEqual(0);
    expect(assessment.confidence).toBeLessThanOrEqual(100);
    expect(JSON.stringify(p)).not.toContain('TBD');
  });

  it('builds confirmed facts, tried actions and dead ends from the walk', () => {
    const {package: p} = writeLocalPackage({
      ...base,
      notes: 'Reinstalled the VPN client\n\nUser on hotel Wi-Fi',
      currentNode: 'Does the drop match large transfers?',
      steps: [
        {question: 'Is the whole internet dropping?', answer: 'No, only the VPN', note: 'Ping to 1.1.1.1 steady', kind: 'answer'},
        {question: 'Is the client current?', answer: 'Yes', note: null, kind: 'answer'},
        {question: 'Is the client current?', answer: 'Stepped back', note: null, kind: 'back'},
      ],
    });
    expect(p.confirmed).toEqual(['Is the whole internet dropping: No, only the VPN.', 'Is the client current: Yes.']);
    expect(p.tried).toEqual([
      'Is the whole internet dropping: Ping to 1.1.1.1 steady',
      'Reinstalled the VPN client',
      'User on hotel Wi-Fi',
      'Went back at least once after a branch did not help (dead end).',
    ]);
    expect(p.nextSteps[0]).toBe('Continue from the last step: Does the drop match large transfers?');
  });
});
