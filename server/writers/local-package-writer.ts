import type {Assessment, EscalationPackage} from '../../schema/index.ts';
import {describeFact, describeFix, describeStep, firstSentence, noteLines, quoted, withoutQuestionMark} from './record-phrases.ts';
import type {RecordedFix, WalkRecord} from './walk-record.ts';

const NEXT_STEPS_BY_REASON: Record<string, string[]> = {
  'Out of L1 scope': ['Confirm the scope of access needed and schedule a remote session with the customer.'],
  'Customer demanding senior': ['Call the customer back within the hour and acknowledge the escalation.'],
  'Tree dead-ended': ['Check what the flow does not cover from the last answered step, and add the missing branch to the flow.'],
  'AI tree wrong': ['Check which step of the drafted flow gave wrong guidance, and correct or reject the proposal.'],
  'No KB available': ['Search vendor documentation for the exact symptom and error text.'],
  Other: ['Read the escalation details and confirm the symptom with the customer.'],
};

/** The fix the walk is betting on but has not tried: proposed and not run, or "never applied" at the intercept. */
export function untriedFix(record: WalkRecord): RecordedFix | undefined {
  const active = record.fixes.find(f => !f.superseded);
  if (!active) return undefined;
  if (active.outcome === 'proposed' && !active.ran) return active;
  if (active.outcome === 'dismissed' && active.ran) return active; // the intercept's "never applied"
  return undefined;
}

function confirmedLines(record: WalkRecord): string[] {
  return [
    ...record.steps.filter(s => !s.undone).map(s => describeStep(s)),
    ...record.facts.map(describeFact),
    ...record.questions.filter(q => q.answer && !q.promotedToFact).map(q => `${withoutQuestionMark(q.text)}: ${q.answer} (the customer's answer).`),
  ];
}

function triedLines(record: WalkRecord): string[] {
  const walked = record.steps.filter(s => !s.undone);
  return [
    ...(walked.length
      ? [`Walked ${record.flowTitle ? `the ${quoted(record.flowTitle)} flow` : 'the flow'} through ${walked.length} step${walked.length === 1 ? '' : 's'}.`]
      : []),
    ...record.steps.filter(s => s.note).map(s => `${withoutQuestionMark(firstSentence(s.question))}: ${s.note}`),
    ...record.steps.filter(s => s.undone).map(s => `Went down ${quoted(describeStep(s, {sentence: false}))} and stepped back (dead end).`),
    ...record.checks.filter(c => c.state === 'done').map(c => `Checked: ${c.text}${c.result ? ` — ${c.result}` : ''}.`),
    ...record.fixes.map(describeFix).filter((l): l is string => l !== null),
    ...noteLines(record.notes).map(l => `Note: ${l}`),
  ];
}

function hypothesisOf(record: WalkRecord): string {
  const untried = untriedFix(record);
  if (untried) {
    return untried.outcome === 'dismissed'
      ? `Suggested fix, never applied: ${untried.text}. It is still untested.`
      : `Suggested fix, not applied yet: ${untried.text}.`;
  }
  const active = record.fixes.find(f => !f.superseded);
  if (active?.outcome === 'applied_partial') {
    return `Partly addressed by ${quoted(active.text)}${active.note ? ` (${active.note})` : ''}; the rest is not isolated yet.`;
  }
  if (record.stoppedAt && !record.atResolution) {
    return `Root cause not definitively isolated. The walk narrowed it down to: ${firstSentence(record.stoppedAt)}`;
  }
  return 'Root cause not definitively isolated.';
}

/** A likely cause only as far as the record supports it, and what it was based on. No number: nothing here is measured. */
function likelyCauseOf(record: WalkRecord): {likely_cause: string; basis: string} {
  const untried = untriedFix(record);
  const active = record.fixes.find(f => !f.superseded);
  const failed = record.fixes.filter(f => f.outcome === 'applied_failed');
  const walked = record.steps.filter(s => !s.undone).length;
  if (active?.outcome === 'applied_success') {
    return {
      likely_cause: `The original fault was addressed by ${quoted(active.text)}; the escalation is about: ${record.details ?? record.reason}.`,
      basis: 'Based on the fix recorded as working before escalating.',
    };
  }
  if (active?.outcome === 'applied_partial') {
    return {
      likely_cause: `Partly what ${quoted(active.text)} addresses${active.note ? ` (${active.note})` : ''}; the remaining cause is not isolated.`,
      basis: 'Based on the fix that partly worked.',
    };
  }
  if (untried) {
    return {
      likely_cause: `What the suggested fix addresses: ${untried.text}`,
      basis: 'Based on the suggested fix in the task lane; it has not been applied, so it is untested.',
    };
  }
  if (failed.length) {
    return {
      likely_cause: `Not isolated; not what ${failed.map(f => quoted(f.text)).join(' or ')} address${failed.length === 1 ? 'es' : ''}.`,
      basis: `Based on ${failed.length === 1 ? 'a fix' : `${failed.length} fixes`} applied without success.`,
    };
  }
  if (record.stoppedAt && !record.atResolution && walked) {
    return {
      likely_cause: `Not isolated; the walk narrowed it down to: ${firstSentence(record.stoppedAt)}`,
      basis: `Based on ${walked} answered step${walked === 1 ? '' : 's'} of the flow${record.facts.length ? ` and ${record.facts.length} confirmed fact${record.facts.length === 1 ? '' : 's'}` : ''}.`,
    };
  }
  if (record.facts.length) {
    return {
      likely_cause: 'Root cause not definitively isolated.',
      basis: `Based on ${record.facts.length} confirmed fact${record.facts.length === 1 ? '' : 's'}, none of which points to a cause yet.`,
    };
  }
  return {likely_cause: 'Root cause not definitively isolated.', basis: 'Nothing recorded on the walk points to a cause yet.'};
}

function nextStepsOf(record: WalkRecord): string[] {
  const untried = untriedFix(record);
  const active = record.fixes.find(f => !f.superseded);
  const steps = [
    ...(untried ? [`Apply the suggested fix and verify it: ${untried.text}`] : []),
    ...(active?.outcome === 'applied_pending' || (active?.outcome === 'proposed' && active.ran)
      ? [`Verify whether ${quoted(active.text)} took effect${active.pendingReason ? ` (${active.pendingReason})` : ''}.`]
      : []),
    ...(active?.outcome === 'applied_partial' ? [`Finish what ${quoted(active.text)} left${active.note ? `: ${active.note}` : ' undone.'}`] : []),
    ...record.checks.filter(c => c.state === 'open').map(c => `Run the check: ${c.text}`),
    ...record.questions.filter(q => q.state === 'open').map(q => `Ask the customer: ${q.text}`),
    ...(record.stoppedAt && !record.atResolution ? [`Continue the flow from: ${firstSentence(record.stoppedAt)}`] : []),
    ...(NEXT_STEPS_BY_REASON[record.reason] ?? NEXT_STEPS_BY_REASON.Other),
    'Confirm the current symptom with the customer before changing anything.',
    'Gather the exact error message and when it started from the customer.',
  ];
  return [...new Set(steps)].slice(0, 4);
}

/**
 * The deterministic writer: the escalation package and assessment from the
 * walk's structured record (already redacted), no model involved. It says
 * plainly what is missing, gives 2–4 concrete next steps, and never a
 * confidence it cannot explain.
 */
export function writeLocalPackage(record: WalkRecord): {package: EscalationPackage; assessment: Assessment} {
  const confirmed = confirmedLines(record);
  const tried = triedLines(record);
  const nextSteps = nextStepsOf(record);
  const stated = record.problem.trim();
  const problem = [
    stated && !/[.?!…]$/.test(stated) ? `${stated}.` : stated,
    record.details ? `Escalated (${record.reason}): ${record.details.trim()}` : record.reason ? `Escalated: ${record.reason}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const cause = likelyCauseOf(record);
  return {
    package: {
      problem,
      confirmed: confirmed.length ? confirmed : ['Nothing confirmed yet.'],
      tried: tried.length ? tried : ['No diagnostic actions run yet.'],
      hypothesis: hypothesisOf(record),
      nextSteps,
    },
    assessment: {likely_cause: cause.likely_cause, basis: cause.basis, suggested_steps: nextSteps.slice(0, 3), confidence: null},
  };
}
