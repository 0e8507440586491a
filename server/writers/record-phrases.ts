import type {RecordedFact, RecordedFix} from './walk-record.ts';

// How the deterministic writers (package and resolution note) put the items
// of a walk record into words: one phrasing, shared by both.

export const quoted = (text: string) => `"${text.trim()}"`;

export const withoutQuestionMark = (text: string) => text.trim().replace(/\?+$/, '');

/** A node's instruction can be long: its first sentence, cut at a word if it still runs on. */
export function firstSentence(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const sentence = flat.match(/^.*?[.?!](?=\s|$)/)?.[0] ?? flat;
  if (sentence.length <= max) return sentence;
  return `${sentence.slice(0, max).replace(/\s+\S*$/, '')}…`;
}

/** A step as one line: the first sentence of its node's text (not the whole instruction) and the answer. */
export function describeStep(step: {question: string; answer: string}, {sentence = true} = {}): string {
  const answer = step.answer.trim();
  const line = `${withoutQuestionMark(firstSentence(step.question)).replace(/\.$/, '')}: ${answer}`;
  return sentence && !/[.?!…]$/.test(answer) ? `${line}.` : line;
}

/** The non-empty lines of free text, at most `limit`. */
export function noteLines(text: string, limit = 12): string[] {
  return text
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean)
    .slice(0, limit);
}

/** A fact with the question or check it answers. */
export function describeFact(fact: RecordedFact): string {
  return fact.answers ? `${withoutQuestionMark(fact.answers)}: ${fact.text}` : fact.text;
}

/** A fix that was run, with its outcome and reasons; null for one never run (not something tried). */
export function describeFix(fix: RecordedFix): string | null {
  const applied = `Applied the fix ${quoted(fix.text)}`;
  const why = (reason: string | null) => (reason ? ` — ${reason}` : '');
  switch (fix.outcome) {
    case 'applied_failed':
      return `${applied}: it did not work${why(fix.failureReason ?? fix.note)}.`;
    case 'applied_partial':
      return `${applied}: it partly worked${why(fix.note)}.`;
    case 'applied_pending':
      return `${applied}: awaiting verification${why(fix.pendingReason)}.`;
    case 'applied_success':
      return `${applied}: it worked${why(fix.note)}.`;
    case 'proposed':
      return fix.ran ? `Ran the fix ${quoted(fix.text)}: the result is not verified yet.` : null;
    case 'dismissed':
      return null;
  }
}
