import * as v from 'valibot';
import type {WalkRecord} from '../handoff/local-package-writer.ts';
import {completeJson} from './complete-json.ts';
import type {AiConfig} from './model-client.ts';
import {redact} from './redact.ts';

/** What a resolution note is written from: the walk record plus its lane. */
export type NoteInput = WalkRecord & {
  facts: string[];
  /** The suggested fix that worked, if any. */
  fixThatWorked: string | null;
  /** True when the walk stands on a resolution node of its flow. */
  atResolution: boolean;
};

export type ResolutionNote = {problem: string; confirmed: string[]; rootCause: string; resolution: string};

/** The customer-facing note as text: Problem / What we confirmed / Root cause / Resolution. */
export function renderNote(note: ResolutionNote): string {
  return [
    `Problem\n${note.problem}`,
    `What we confirmed\n${note.confirmed.map(c => `- ${c}`).join('\n')}`,
    `Root cause\n${note.rootCause}`,
    `Resolution\n${note.resolution}`,
  ].join('\n\n');
}

/** The deterministic writer: plain about what is missing, nothing invented. */
export function writeLocalNote(input: NoteInput): ResolutionNote {
  const confirmed = [
    ...input.facts,
    ...input.steps.filter(s => s.kind === 'answer').map(s => `${s.question.replace(/\?$/, '')}: ${s.answer}.`),
  ].map(redact);
  const resolvedBy = input.fixThatWorked ?? (input.atResolution ? input.currentNode : null);
  return {
    problem: redact(input.problem),
    confirmed: confirmed.length ? confirmed : ['Nothing confirmed yet.'],
    rootCause: input.atResolution && input.currentNode ? redact(input.currentNode) : 'Root cause not definitively isolated.',
    resolution: resolvedBy ? redact(resolvedBy) : 'The issue was resolved during the call; see the steps confirmed above.',
  };
}

const SYSTEM = [
  'You write the customer-facing resolution note of a helpdesk call, from the walk record you are given and nothing else.',
  'Plain, polite language for the customer. No person names, internal ids, email addresses, secrets, chat transcripts or "TBD". Never invent facts.',
  'If nothing was confirmed, write "Nothing confirmed yet."; if the cause is unknown, write "Root cause not definitively isolated."',
  'Answer with one JSON object: problem (string), confirmed (array of strings), rootCause (string), resolution (string).',
].join('\n');

const text = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(2000));
const answer = v.object({problem: text, confirmed: v.pipe(v.array(text), v.minLength(1), v.maxLength(20)), rootCause: text, resolution: text});

export async function writeResolutionNote(
  input: NoteInput,
  ai: AiConfig | undefined,
  log: (line: string) => void,
): Promise<{note: ResolutionNote; writer: 'ai' | 'local'}> {
  if (ai) {
    try {
      const record = {
        problem: redact(input.problem),
        facts: input.facts.map(redact),
        steps: input.steps.filter(s => s.kind === 'answer').map(s => ({question: redact(s.question), answer: redact(s.answer)})),
        fixThatWorked: input.fixThatWorked ? redact(input.fixThatWorked) : null,
        endedAt: input.atResolution ? redact(input.currentNode ?? '') : null,
      };
      const note = await completeJson(ai, {purpose: 'resolution note', system: SYSTEM, user: `Walk record (JSON):\n${JSON.stringify(record)}`, schema: answer, timeoutMs: 8000}, log);
      return {note, writer: 'ai'};
    } catch {
      // logged; fall back
    }
  }
  return {note: writeLocalNote(input), writer: 'local'};
}
