import * as v from 'valibot';
import {redactWalkRecord, type WalkRecord} from './walk-record.ts';

/**
 * The system prompt of the escalation package. It carries no sample data of
 * any kind (nothing that could be repeated into another customer's text),
 * and it is the same for every call, so prompt caching applies.
 */
export const ESCALATION_SYSTEM_PROMPT = [
  'You write the internal handoff package a first-line helpdesk technician passes to a senior engineer when escalating a support call.',
  'Use only the facts in the walk record you are given. Never invent facts, people, systems, customers, or results, and never add data from anywhere else.',
  'Do not include any person names, internal ids, email addresses, chat transcripts, secrets, or the word "TBD".',
  'How to read the record:',
  '- steps are the flow steps answered in order; a step with undone=true was taken back with Back: it is a dead end, never something confirmed.',
  '- facts are confirmed; "answers" is the question or check each fact answers: list facts under confirmed together with that question.',
  '- checks with state "done" were run (their result is given); open checks and open questions are not done yet and make good next steps.',
  '- fixes are suggested fixes with their outcome: applied_failed (did not work, with a failure reason), applied_partial (partly worked, with a note), applied_pending (awaiting verification, with a pending reason), applied_success (worked), proposed (not yet applied unless ran=true), dismissed. A failed, partial, pending or successful fix goes under tried with its reasons. A proposed fix that was not run, or a dismissed fix with ran=true (reported as never applied), is the current hypothesis and is never listed as tried.',
  '- fixAnswerAtEscalation is what the technician said about the running fix right before escalating.',
  'If nothing was confirmed, say "Nothing confirmed yet." If nothing was tried, say "No diagnostic actions run yet." If the cause is unknown, say "Root cause not definitively isolated."',
  'Keep each item short: summarize an instruction, do not paste it whole.',
  'Answer with a single JSON object and nothing else, with these keys:',
  'problem (string), confirmed (array of strings), tried (array of strings), hypothesis (string), nextSteps (array of 2 to 4 concrete strings),',
  'likelyCause (string), basis (string: what in the record the likely cause is based on), suggestedSteps (array of 1 to 4 strings),',
  'confidence (integer 0 to 100, or null when the record gives no way to explain a number).',
].join('\n');

/** The user message: this walk's structured record and nothing else, secrets redacted. */
export function escalationUserPrompt(walk: WalkRecord): string {
  const record = redactWalkRecord(walk);
  const payload = {
    problem: record.problem,
    escalationReason: record.reason,
    escalationDetails: record.details,
    flow: record.flowTitle,
    stoppedAt: record.stoppedAt,
    steps: record.steps,
    notes: record.notes.slice(0, 20_000),
    facts: record.facts,
    checks: record.checks,
    questions: record.questions,
    fixes: record.fixes,
    fixAnswerAtEscalation: record.fixAnswerAtEscalation,
  };
  return `Walk record (JSON):\n${JSON.stringify(payload)}`;
}

const text = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(2000));
export const escalationAnswer = v.object({
  problem: text,
  confirmed: v.pipe(v.array(text), v.minLength(1), v.maxLength(20)),
  tried: v.pipe(v.array(text), v.minLength(1), v.maxLength(20)),
  hypothesis: text,
  nextSteps: v.pipe(v.array(text), v.minLength(2), v.maxLength(4)),
  likelyCause: text,
  basis: v.optional(v.nullable(text)),
  suggestedSteps: v.pipe(v.array(text), v.minLength(1), v.maxLength(4)),
  confidence: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100)))),
});
