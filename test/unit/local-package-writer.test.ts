import {describe, expect, it} from 'vitest';
import {writeLocalPackage} from '../../server/writers/local-package-writer.ts';
import {emptyWalkRecord, recordLane, recordSteps, type RecordedFix, type WalkRecord} from '../../server/writers/walk-record.ts';

const base: WalkRecord = {...emptyWalkRecord('VPN drops every 10 minutes'), reason: 'Tree dead-ended', flowTitle: 'VPN keeps dropping'};
const fix = (text: string, patch: Partial<RecordedFix>): RecordedFix => ({
  text,
  outcome: 'proposed',
  ran: false,
  pendingReason: null,
  note: null,
  failureReason: null,
  superseded: false,
  ...patch,
});

describe('the deterministic escalation package writer', () => {
  it('says plainly what is missing, still gives 2–4 next steps, and invents no confidence', () => {
    const {package: p, assessment} = writeLocalPackage(base);
    expect(p.confirmed).toEqual(['Nothing confirmed yet.']);
    expect(p.tried).toEqual(['No diagnostic actions run yet.']);
    expect(p.hypothesis).toBe('Root cause not definitively isolated.');
    expect(p.nextSteps.length).toBeGreaterThanOrEqual(2);
    expect(p.nextSteps.length).toBeLessThanOrEqual(4);
    expect(assessment.confidence).toBeNull();
    expect(assessment.basis).toBe('Nothing recorded on the walk points to a cause yet.');
    expect(JSON.stringify(p)).not.toContain('TBD');
  });

  it('a fact alone is confirmed, with the question it answers', () => {
    const {package: p} = writeLocalPackage({...base, facts: [{text: 'Yes, since yesterday', source: 'question', answers: 'Did it start after the update?'}]});
    expect(p.confirmed).toEqual(['Did it start after the update: Yes, since yesterday']);
    expect(p.tried).toEqual(['No diagnostic actions run yet.']);
  });

  it('undone steps are dead ends, never confirmed; checks done and failed fixes are tried; a proposed fix is the hypothesis', () => {
    const steps = recordSteps([
      {question: 'Is the whole internet dropping?', answer: 'No, only the VPN', note: 'Ping to 1.1.1.1 steady', kind: 'answer'},
      {question: 'Is the client current?', answer: 'Yes', note: null, kind: 'answer'},
      {question: 'Does it drop on large transfers?', answer: 'Stepped back', note: null, kind: 'back'},
    ]);
    expect(steps.map(s => s.undone)).toEqual([false, true]);
    const {package: p, assessment} = writeLocalPackage({
      ...base,
      notes: 'Reinstalled the VPN client\n\nUser on hotel Wi-Fi',
      stoppedAt: 'Is the client current? Open the About box and read the version number, then compare it with the portal.',
      steps,
      checks: [
        {text: 'Gateway log for the user', state: 'done', result: 'Idle timeout at 600 s'},
        {text: 'MTU on the tunnel', state: 'open', result: null},
      ],
      fixes: [
        fix('Disable power saving on the Wi-Fi adapter', {outcome: 'applied_failed', ran: true, failureReason: 'Still drops after 10 minutes', superseded: true}),
        fix('Raise the gateway idle timeout', {}),
      ],
    });
    expect(p.confirmed).toEqual(['Is the whole internet dropping: No, only the VPN.']);
    expect(p.tried).toEqual([
      'Walked the "VPN keeps dropping" flow through 1 step.',
      'Is the whole internet dropping: Ping to 1.1.1.1 steady',
      'Went down "Is the client current: Yes" and stepped back (dead end).',
      'Checked: Gateway log for the user — Idle timeout at 600 s.',
      'Applied the fix "Disable power saving on the Wi-Fi adapter": it did not work — Still drops after 10 minutes.',
      'Note: Reinstalled the VPN client',
      'Note: User on hotel Wi-Fi',
    ]);
    expect(p.hypothesis).toBe('Suggested fix, not applied yet: Raise the gateway idle timeout.');
    expect(p.nextSteps).toEqual([
      'Apply the suggested fix and verify it: Raise the gateway idle timeout',
      'Run the check: MTU on the tunnel',
      'Continue the flow from: Is the client current?',
      'Check what the flow does not cover from the last answered step, and add the missing branch to the flow.',
    ]);
    expect(assessment).toEqual({
      likely_cause: 'What the suggested fix addresses: Raise the gateway idle timeout',
      basis: 'Based on the suggested fix in the task lane; it has not been applied, so it is untested.',
      suggested_steps: p.nextSteps.slice(0, 3),
      confidence: null,
    });
  });

  it('the intercept: a partial fix is tried with its note; one never applied is the hypothesis and never tried', () => {
    const partial = writeLocalPackage({...base, fixes: [fix('Clear the DNS cache', {outcome: 'applied_partial', ran: true, note: 'Two of three sites load'})]});
    expect(partial.package.tried).toEqual(['Applied the fix "Clear the DNS cache": it partly worked — Two of three sites load.']);
    expect(partial.package.hypothesis).toContain('Partly addressed by "Clear the DNS cache" (Two of three sites load)');
    expect(partial.assessment.basis).toBe('Based on the fix that partly worked.');

    const never = writeLocalPackage({...base, fixes: [fix('Reset the router', {outcome: 'dismissed', ran: true})]});
    expect(never.package.tried).toEqual(['No diagnostic actions run yet.']);
    expect(never.package.hypothesis).toBe('Suggested fix, never applied: Reset the router. It is still untested.');

    const pending = writeLocalPackage({
      ...base,
      fixes: [fix('Push the new profile', {outcome: 'applied_pending', ran: true, pendingReason: 'Needs a reboot tonight'})],
    });
    expect(pending.package.tried).toEqual(['Applied the fix "Push the new profile": awaiting verification — Needs a reboot tonight.']);
    expect(pending.package.nextSteps[0]).toBe('Verify whether "Push the new profile" took effect (Needs a reboot tonight).');
  });

  it('the lane record: facts keep their question, soft-deleted items are left out, the intercept answer is the run fix’s outcome', () => {
    const row = (patch: Record<string, unknown>) =>
      ({
        kind: 'fact',
        text: '',
        state: 'open',
        answer: null,
        source: null,
        source_item_id: null,
        outcome: null,
        outcome_note: null,
        pending_reason: null,
        failure_reason: null,
        applied_at: null,
        superseded_by: null,
        deleted_at: null,
        position: 1,
        created_at: 1,
        ...patch,
      }) as never;
    const lane = recordLane([
      row({id: 'q', kind: 'question', text: 'When did it start?', state: 'done', answer: 'Monday', position: 1}),
      row({id: 'f', kind: 'fact', text: 'Monday', source: 'question', source_item_id: 'q', position: 2}),
      row({id: 'gone', kind: 'fact', text: 'deleted', deleted_at: 5, position: 3}),
      row({id: 'x', kind: 'suggested_fix', text: 'Roll back the driver', outcome: 'applied_failed', failure_reason: 'Same error', applied_at: 9, position: 4}),
    ]);
    expect(lane.facts).toEqual([{text: 'Monday', source: 'question', answers: 'When did it start?'}]);
    expect(lane.questions).toEqual([{text: 'When did it start?', state: 'done', answer: 'Monday', promotedToFact: true}]);
    expect(lane.fixAnswerAtEscalation).toEqual({fix: 'Roll back the driver', outcome: 'applied_failed', note: 'Same error'});
  });
});
