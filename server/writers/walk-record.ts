import type {FixOutcome, TaskLaneItem, WalkStep} from '../../schema/index.ts';
import {redact} from '../ai/redact.ts';

/**
 * The structured record of a walk (docs/ai-assist.md): the one thing every generated
 * text is written from — the local package writer, the AI prompt and the
 * resolution note. Built from the walk's own rows only; no person names, no
 * internal ids. `redactWalkRecord` removes secrets from every free text.
 */
export type WalkRecord = {
  problem: string;
  /** Why it was escalated ('' when the record is not for an escalation). */
  reason: string;
  details: string | null;
  flowTitle: string | null;
  /** Answered steps in order; one undone with Back is marked, never confirmed. */
  steps: RecordedStep[];
  /** The ad-hoc notes, as typed (line breaks kept). */
  notes: string;
  /** The text of the node the walk stands on, if any. */
  stoppedAt: string | null;
  /** True when the walk stands on a resolution node of its flow. */
  atResolution: boolean;
  facts: RecordedFact[];
  checks: RecordedCheck[];
  questions: RecordedQuestion[];
  /** Every suggested fix, oldest first; superseded ones kept as history. */
  fixes: RecordedFix[];
  /** The escalate intercept's answer: what the active, run fix came to just before escalating. */
  fixAnswerAtEscalation: {fix: string; outcome: FixOutcome; note: string | null} | null;
};

type RecordedStep = {question: string; answer: string; note: string | null; undone: boolean};
export type RecordedFact = {
  text: string;
  source: 'question' | 'check' | 'note' | 'ai' | 'manual';
  /** The question asked or check run that this fact answers. */
  answers: string | null;
};
type RecordedCheck = {text: string; state: 'open' | 'done' | 'dismissed'; result: string | null};
type RecordedQuestion = {text: string; state: 'open' | 'done' | 'dismissed'; answer: string | null; promotedToFact: boolean};
export type RecordedFix = {
  text: string;
  outcome: FixOutcome;
  /** "I ran this" was pressed. */
  ran: boolean;
  pendingReason: string | null;
  /** The note of a partial (or any) outcome. */
  note: string | null;
  failureReason: string | null;
  superseded: boolean;
};

type StepRow = Pick<WalkStep, 'question' | 'answer' | 'note' | 'kind'>;
type LaneRow = Pick<
  TaskLaneItem,
  | 'id'
  | 'kind'
  | 'text'
  | 'state'
  | 'answer'
  | 'source'
  | 'source_item_id'
  | 'outcome'
  | 'outcome_note'
  | 'pending_reason'
  | 'failure_reason'
  | 'applied_at'
  | 'superseded_by'
  | 'deleted_at'
  | 'position'
  | 'created_at'
>;

/** Answers push, backs pop: a step popped by a Back is undone (a dead end), not confirmed. */
export function recordSteps(steps: readonly StepRow[]): RecordedStep[] {
  const recorded: RecordedStep[] = [];
  const trail: number[] = [];
  for (const s of steps) {
    if (s.kind === 'answer') {
      trail.push(recorded.length);
      recorded.push({question: s.question, answer: s.answer, note: s.note ?? null, undone: false});
    } else {
      const popped = trail.pop();
      if (popped !== undefined) recorded[popped].undone = true;
    }
  }
  return recorded;
}

const RECORDED_OUTCOMES: FixOutcome[] = ['applied_failed', 'applied_success', 'applied_partial', 'dismissed'];

/** The task lane (soft-deleted items left out) as facts, checks, questions and fixes. */
export function recordLane(items: readonly LaneRow[]): Pick<WalkRecord, 'facts' | 'checks' | 'questions' | 'fixes' | 'fixAnswerAtEscalation'> {
  const live = items.filter(i => !i.deleted_at).sort((a, b) => a.position - b.position);
  const byId = new Map(live.map(i => [i.id, i]));
  const promoted = new Set(live.filter(i => i.kind === 'fact' && i.source_item_id).map(i => i.source_item_id));
  const facts = live
    .filter(i => i.kind === 'fact' && i.state !== 'dismissed')
    .map(i => ({text: i.text, source: i.source ?? 'manual', answers: (i.source_item_id && byId.get(i.source_item_id)?.text) || null}));
  const checks = live.filter(i => i.kind === 'check').map(i => ({text: i.text, state: i.state, result: i.answer ?? null}));
  const questions = live.filter(i => i.kind === 'question').map(i => ({text: i.text, state: i.state, answer: i.answer ?? null, promotedToFact: promoted.has(i.id)}));
  const fixRows = live.filter(i => i.kind === 'suggested_fix').sort((a, b) => a.created_at - b.created_at);
  const fixes = fixRows.map(i => ({
    text: i.text,
    outcome: i.outcome ?? 'proposed',
    ran: !!i.applied_at,
    pendingReason: i.pending_reason ?? null,
    note: i.outcome_note ?? null,
    failureReason: i.failure_reason ?? null,
    superseded: !!i.superseded_by,
  }));
  const active = fixes.find(f => !f.superseded);
  const fixAnswerAtEscalation =
    active?.ran && RECORDED_OUTCOMES.includes(active.outcome) ? {fix: active.text, outcome: active.outcome, note: active.failureReason ?? active.note} : null;
  return {facts, checks, questions, fixes, fixAnswerAtEscalation};
}

/** The same record with secrets removed from every free text (docs/ai-assist.md), before it reaches any writer. */
export function redactWalkRecord(r: WalkRecord): WalkRecord {
  const opt = (t: string | null) => (t === null ? null : redact(t));
  return {
    ...r,
    problem: redact(r.problem),
    details: opt(r.details),
    notes: redact(r.notes),
    stoppedAt: opt(r.stoppedAt),
    steps: r.steps.map(s => ({...s, question: redact(s.question), answer: redact(s.answer), note: opt(s.note)})),
    facts: r.facts.map(f => ({...f, text: redact(f.text), answers: opt(f.answers)})),
    checks: r.checks.map(c => ({...c, text: redact(c.text), result: opt(c.result)})),
    questions: r.questions.map(q => ({...q, text: redact(q.text), answer: opt(q.answer)})),
    fixes: r.fixes.map(f => ({...f, text: redact(f.text), pendingReason: opt(f.pendingReason), note: opt(f.note), failureReason: opt(f.failureReason)})),
    fixAnswerAtEscalation: r.fixAnswerAtEscalation && {
      ...r.fixAnswerAtEscalation,
      fix: redact(r.fixAnswerAtEscalation.fix),
      note: opt(r.fixAnswerAtEscalation.note),
    },
  };
}

/** A record with nothing in it yet, for building one by hand (tests, walks without a flow). */
export function emptyWalkRecord(problem: string): WalkRecord {
  return {
    problem,
    reason: '',
    details: null,
    flowTitle: null,
    steps: [],
    notes: '',
    stoppedAt: null,
    atResolution: false,
    facts: [],
    checks: [],
    questions: [],
    fixes: [],
    fixAnswerAtEscalation: null,
  };
}
