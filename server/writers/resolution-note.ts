import * as v from 'valibot';
import {describeFact, describeStep, firstSentence, noteLines, quoted, withoutQuestionMark} from './record-phrases.ts';
import {redactWalkRecord, type RecordedFix, type WalkRecord} from './walk-record.ts';
import {completeJson} from '../ai/complete-json.ts';
import type {AiConfig} from '../ai/model-client.ts';

type ResolutionNote = {problem: string; confirmed: string[]; rootCause: string; resolution: string};

/** The customer-facing note as text: Problem / What we confirmed / Root cause / Resolution, line breaks kept. */
export function renderNote(note: ResolutionNote): string {
  return [
    `Problem\n${note.problem}`,
    `What we confirmed\n${note.confirmed.map(c => `- ${c}`).join('\n')}`,
    `Root cause\n${note.rootCause}`,
    `Resolution\n${note.resolution}`,
  ].join('\n\n');
}

/**
 * The fix that solved it: one recorded as working, or the running one
 * (verifying or awaiting verification), which resolving records as a success.
 */
export function fixThatWorked(record: WalkRecord): RecordedFix | undefined {
  const active = record.fixes.find(f => !f.superseded);
  if (active?.ran && (active.outcome === 'proposed' || active.outcome === 'applied_pending')) return active;
  return [...record.fixes].reverse().find(f => f.outcome === 'applied_success');
}

/** The deterministic writer: from the walk record (undone steps left out), plain about what is missing. */
export function writeLocalNote(walk: WalkRecord): ResolutionNote {
  const record = redactWalkRecord(walk);
  const confirmed = [
    ...record.steps.filter(s => !s.undone).map(s => `${describeStep(s)}${s.note ? ` ${s.note}` : ''}`),
    ...record.facts.map(describeFact),
    ...record.questions.filter(q => q.answer && !q.promotedToFact).map(q => `${withoutQuestionMark(q.text)}: ${q.answer}`),
    ...record.checks.filter(c => c.state === 'done').map(c => `${c.text}${c.result ? `: ${c.result}` : ' (done)'}`),
  ];
  const worked = fixThatWorked(record);
  const endedOn = record.atResolution && record.stoppedAt ? record.stoppedAt : null;
  const rootCause = endedOn
    ? firstSentence(endedOn, 400)
    : worked
      ? (worked.note ?? `The fault that ${quoted(worked.text)} corrects: the problem stopped once it was applied.`)
      : 'Root cause not definitively isolated.';
  const resolvedBy = worked ? worked.text : endedOn ? endedOn : 'The issue was resolved during the call; see what we confirmed above.';
  const notes = noteLines(record.notes, 20);
  return {
    problem: record.problem.trim(),
    confirmed: confirmed.length ? confirmed : ['Nothing confirmed yet.'],
    rootCause,
    resolution: notes.length ? `${resolvedBy}\n\nNotes from the call:\n${notes.map(l => `- ${l}`).join('\n')}` : resolvedBy,
  };
}

const SYSTEM = [
  'You write the customer-facing resolution note of a helpdesk call, from the walk record you are given and nothing else.',
  'Plain, polite language for the customer. No person names, internal ids, email addresses, secrets, chat transcripts or "TBD". Never invent facts.',
  'Steps with undone=true were taken back: leave them out. List each fact with the question it answers. Include what the notes say was done.',
  'If a fix worked (fixThatWorked), it is the resolution; do not then call the cause unknown.',
  'If nothing was confirmed, write "Nothing confirmed yet."; if the cause is unknown, write "Root cause not definitively isolated."',
  'Answer with one JSON object: problem (string), confirmed (array of strings), rootCause (string), resolution (string; line breaks allowed).',
].join('\n');

const text = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(4000));
const answer = v.object({problem: text, confirmed: v.pipe(v.array(text), v.minLength(1), v.maxLength(20)), rootCause: text, resolution: text});

export async function writeResolutionNote(
  walk: WalkRecord,
  ai: AiConfig | undefined,
  log: (line: string) => void,
): Promise<{note: ResolutionNote; writer: 'ai' | 'local'}> {
  if (ai) {
    try {
      const record = redactWalkRecord(walk);
      const worked = fixThatWorked(record);
      const payload = {
        problem: record.problem,
        flow: record.flowTitle,
        steps: record.steps,
        notes: record.notes.slice(0, 20_000),
        facts: record.facts,
        questions: record.questions,
        checks: record.checks,
        fixThatWorked: worked ? {text: worked.text, note: worked.note} : null,
        endedAt: record.atResolution ? record.stoppedAt : null,
      };
      const note = await completeJson(
        ai,
        {purpose: 'resolution note', system: SYSTEM, user: `Walk record (JSON):\n${JSON.stringify(payload)}`, schema: answer, timeoutMs: 8000},
        log,
      );
      return {note, writer: 'ai'};
    } catch {
      // logged; fall back
    }
  }
  return {note: writeLocalNote(walk), writer: 'local'};
}
