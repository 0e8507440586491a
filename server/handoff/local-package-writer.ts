import type {Assessment, EscalationPackage} from '../../schema/index.ts';

/** What the package is built from: only the walk's own recorded data. */
export type WalkRecord = {
  problem: string;
  reason: string;
  details: string | null;
  flowTitle: string | null;
  steps: {question: string; answer: string; note: string | null; kind: 'answer' | 'back'}[];
  notes: string;
  /** The text of the node the walk stopped on, if any. */
  currentNode: string | null;
};

const NEXT_STEPS_BY_REASON: Record<string, string[]> = {
  'Out of L1 scope': ['Review the steps already taken below before contacting the customer.', 'Confirm the scope of access needed and schedule a remote session with the customer.'],
  'Customer demanding senior': ['Call the customer back within the hour and acknowledge the escalation.', 'Review the steps already taken so the customer does not repeat them.'],
  'Tree dead-ended': ['Start from the last answered step and check what the flow does not cover.', 'Update the troubleshooting flow with the branch that was missing.'],
  'AI tree wrong': ['Check which step of the drafted flow gave wrong guidance.', 'Correct or reject the flow proposal so it is not reused.'],
  'No KB available': ['Search vendor documentation for the exact symptom and error text.', 'Write a knowledge-base entry once the fix is known.'],
  Other: ['Read the escalation details and confirm the symptom with the customer.'],
};

function lines(text: string): string[] {
  return text
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean);
}

/**
 * The deterministic writer: the escalation package and assessment from the
 * structured walk data, no model involved. It says plainly what is missing
 * and always gives 2–4 concrete next steps.
 */
export function writeLocalPackage(walk: WalkRecord): {package: EscalationPackage; assessment: Assessment} {
  const answered = walk.steps.filter(s => s.kind === 'answer');
  const confirmed = answered.map(s => `${s.question.replace(/\?$/, '')}: ${s.answer}.`);
  const noteLines = lines(walk.notes).slice(0, 12);
  const tried = [
    ...answered.filter(s => s.note).map(s => `${s.question.replace(/\?$/, '')}: ${s.note}`),
    ...noteLines,
  ];
  if (walk.steps.some(s => s.kind === 'back')) tried.push('Went back at least once after a branch did not help (dead end).');

  const hypothesis = walk.currentNode
    ? `The walk stopped at: "${walk.currentNode}". Root cause not definitively isolated.`
    : 'Root cause not definitively isolated.';

  const nextSteps = [
    ...(walk.currentNode ? [`Continue from the last step: ${walk.currentNode}`] : []),
    ...(NEXT_STEPS_BY_REASON[walk.reason] ?? NEXT_STEPS_BY_REASON.Other),
    'Confirm the current symptom with the customer before changing anything.',
  ].slice(0, 4);

  const problem = [walk.problem.trim(), walk.details ? `Escalated (${walk.reason}): ${walk.details.trim()}` : `Escalated: ${walk.reason}.`]
    .filter(Boolean)
    .join(' ');

  return {
    package: {
      problem,
      confirmed: confirmed.length ? confirmed : ['Nothing confirmed yet.'],
      tried: tried.length ? tried : ['No diagnostic actions run yet.'],
      hypothesis,
      nextSteps: nextSteps.length >= 2 ? nextSteps : [...nextSteps, 'Gather the exact error message from the customer.'],
    },
    assessment: {
      likely_cause: walk.currentNode
        ? `Not isolated; the ${walk.flowTitle ?? 'walk'} stopped at "${walk.currentNode}".`
        : 'Root cause not definitively isolated.',
      suggested_steps: nextSteps.slice(0, 3),
      // Confidence grows with what was actually confirmed, capped well below certainty.
      confidence: Math.min(60, 10 + answered.length * 8),
    },
  };
}
