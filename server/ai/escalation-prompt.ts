import * as v from 'valibot';
import type {WalkRecord} from '../handoff/local-package-writer.ts';
import {redact} from './redact.ts';

/**
 * The system prompt of the escalation package. It carries no sample data of
 * any kind (nothing that could be repeated into another customer's text),
 * and it is the same for every call, so prompt caching applies.
 */
export const ESCALATION_SYSTEM_PROMPT = [
  'You write the internal handoff package a first-line helpdesk technician passes to a senior engineer when escalating a support call.',
  'Use only the facts in the walk record you are given. Never invent facts, people, systems, customers, or results, and never add data from anywhere else.',
  'Do not include any person names, internal ids, email addresses, chat transcripts, secrets, or the word "TBD".',
  'If nothing was confirmed, say "Nothing confirmed yet." If nothing was tried, say "No diagnostic actions run yet." If the cause is unknown, say "Root cause not definitively isolated."',
  'Answer with a single JSON object and nothing else, with these keys:',
  'problem (string), confirmed (array of strings), tried (array of strings), hypothesis (string), nextSteps (array of 2 to 4 concrete strings),',
  'likelyCause (string), suggestedSteps (array of 1 to 4 strings), confidence (integer 0 to 100).',
].join('\n');

/** The user message: this walk's recorded data and nothing else, secrets redacted. */
export function escalationUserPrompt(walk: WalkRecord): string {
  const record = {
    problem: redact(walk.problem),
    escalationReason: walk.reason,
    escalationDetails: walk.details ? redact(walk.details) : null,
    flow: walk.flowTitle,
    stoppedAt: walk.currentNode ? redact(walk.currentNode) : null,
    steps: walk.steps.map(s => ({question: redact(s.question), answer: redact(s.answer), note: s.note ? redact(s.note) : null, kind: s.kind})),
    notes: redact(walk.notes).slice(0, 20_000),
  };
  return `Walk record (JSON):\n${JSON.stringify(record)}`;
}

const text = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(2000));
export const escalationAnswer = v.object({
  problem: text,
  confirmed: v.pipe(v.array(text), v.minLength(1), v.maxLength(20)),
  tried: v.pipe(v.array(text), v.minLength(1), v.maxLength(20)),
  hypothesis: text,
  nextSteps: v.pipe(v.array(text), v.minLength(2), v.maxLength(4)),
  likelyCause: text,
  suggestedSteps: v.pipe(v.array(text), v.minLength(1), v.maxLength(4)),
  confidence: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100)),
});
