import {useState, type FormEvent} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {LANE_KINDS, type LaneKind, type TaskLaneItem} from '../../../schema/index.ts';
import {ago} from '../../ui/time.ts';
import {useNow} from '../../ui/useNow.ts';
import {useChange} from '../../offline/use-change.ts';
import {FormError} from '../../ui/FormError.tsx';
import {useDraft} from './unsaved-drafts.ts';

type Item = TaskLaneItem & {author?: {name: string} | undefined};
const KIND_LABEL: Record<LaneKind, string> = {question: 'Ask', check: 'Check', fact: 'What we know', suggested_fix: 'Suggested fix'};
/** What a suggested fix's badge says: what happened with it, in words. */
export function fixBadge(item: Pick<TaskLaneItem, 'outcome' | 'applied_at' | 'pending_reason' | 'superseded_by'>): string {
  if (item.superseded_by) return 'superseded';
  switch (item.outcome ?? 'proposed') {
    case 'proposed':
      return item.applied_at ? 'verifying' : 'proposed';
    case 'applied_pending':
      return `pending: ${item.pending_reason ?? 'waiting'}`;
    case 'applied_success':
      return 'worked';
    case 'applied_partial':
      return 'partly';
    case 'applied_failed':
      return 'failed';
    case 'dismissed':
      return 'dismissed';
  }
  return String(item.outcome);
}
const FIX_BADGE_TONE: Record<string, string> = {worked: 'badge-ok', failed: 'badge-warn', partly: 'badge-warn', dismissed: 'badge-muted', superseded: 'badge-muted'};
const FINAL_OUTCOMES = ['applied_success', 'applied_failed', 'dismissed'];

/** An outcome that needs words before it is recorded: which, and what the words are called. */
type OutcomeForm = {outcome: 'applied_pending' | 'applied_partial' | 'applied_failed'; label: string; submit: string};
const OUTCOME_FORMS: OutcomeForm[] = [
  {outcome: 'applied_pending', label: 'What are we waiting for?', submit: 'Mark pending'},
  {outcome: 'applied_partial', label: 'What is still not working?', submit: 'Mark partly worked'},
  {outcome: 'applied_failed', label: "Why didn't it work?", submit: "Mark didn't work"},
];

function LaneItem({item, driverId, canChange, items}: {item: Item; driverId: string; canChange: boolean; items: readonly Item[]}) {
  const {run, error} = useChange();
  const [answer, setAnswer] = useState('');
  const [asFact, setAsFact] = useState(true);
  const [reanswering, setReanswering] = useState(false);
  const [editing, setEditing] = useState(false);
  const [editText, setEditText] = useState('');
  const [outcomeForm, setOutcomeForm] = useState<OutcomeForm | null>(null);
  const [outcomeText, setOutcomeText] = useState('');
  const now = useNow(10_000);
  const whisper = item.author_user_id !== driverId;
  const idx = items.indexOf(item);
  const moveBy = (delta: -1 | 1) => {
    const a = items[idx + delta];
    const b = items[idx + delta * 2];
    if (!a) return;
    const position = b ? (a.position + b.position) / 2 : a.position + delta;
    void run(mutators.taskLane.move({itemId: item.id, position}), {waitForServer: false});
  };
  const superseded = item.kind === 'suggested_fix' && !!item.superseded_by;
  const isFix = item.kind === 'suggested_fix';
  const answerable = item.kind === 'question' || item.kind === 'check';
  // A fact that came from an answer is edited through its question.
  const editable = !(item.kind === 'fact' && item.source_item_id);
  const fixBadgeText = isFix ? fixBadge(item) : '';
  const short = item.text.length > 40 ? `${item.text.slice(0, 40)}…` : item.text;

  const sendOutcome = async (e: FormEvent) => {
    e.preventDefault();
    if (!outcomeForm) return;
    const words = outcomeText.trim();
    const extra =
      outcomeForm.outcome === 'applied_pending' ? {pendingReason: words} : outcomeForm.outcome === 'applied_partial' ? {note: words} : {failureReason: words};
    // The form closes at once (the change shows optimistically); a refusal brings it back with the text.
    const form = outcomeForm;
    setOutcomeForm(null);
    setOutcomeText('');
    if (!(await run(mutators.taskLane.recordFixOutcome({itemId: item.id, outcome: form.outcome, ...extra})))) {
      setOutcomeForm(form);
      setOutcomeText(words);
    }
  };

  return (
    <li
      className={`lane-item lane-${item.kind} state-${item.state}${superseded ? ' superseded' : ''}${isFix ? ` outcome-${item.outcome ?? 'proposed'}` : ''}`}
      data-lane-item={item.id}
    >
      <div className="lane-head">
        <span className="lane-kind">{KIND_LABEL[item.kind]}</span>
        {whisper && <span className="badge badge-info">from {item.author?.name ?? 'a watcher'}</span>}
        {isFix && (
          <span className={`badge ${FIX_BADGE_TONE[fixBadgeText] ?? 'badge-neutral'}`} data-testid="fix-badge">
            {fixBadgeText}
          </span>
        )}
        {item.state !== 'open' && !isFix && <span className="badge badge-muted">{item.state}</span>}
      </div>
      {editing ? (
        <form
          className="row"
          onSubmit={async (e: FormEvent) => {
            e.preventDefault();
            setEditing(false);
            if (!(await run(mutators.taskLane.edit({itemId: item.id, text: editText})))) setEditing(true);
          }}
        >
          <input aria-label={`Edit: ${item.text}`} value={editText} onChange={e => setEditText(e.target.value)} required maxLength={2000} className="grow" />
          <button className="btn btn-small" type="submit">
            Save
          </button>
          <button className="btn btn-small btn-quiet" type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="lane-text">{item.text}</div>
      )}
      {item.answer && <div className="row-meta">Customer: “{item.answer}”</div>}
      {item.kind === 'fact' && item.source && item.source !== 'manual' && <div className="row-meta">from a {item.source}</div>}
      {isFix && item.applied_at && <div className="row-meta">Applied {ago(item.applied_at, now)}</div>}
      {isFix && item.outcome_note && <div className="row-meta">Note: {item.outcome_note}</div>}
      {isFix && item.outcome === 'applied_failed' && item.failure_reason && <div className="row-meta">Why: {item.failure_reason}</div>}
      {canChange && !superseded && (
        <div className="lane-actions">
          {answerable && (item.state === 'open' || reanswering) && (
            <form
              className="row"
              onSubmit={async (e: FormEvent) => {
                e.preventDefault();
                const factId = asFact && !reanswering ? crypto.randomUUID() : undefined;
                // Closed at once: a later action (say, "Change answer") must not be undone when this one's answer arrives.
                const typed = answer;
                const wasReanswering = reanswering;
                setAnswer('');
                setReanswering(false);
                if (!(await run(mutators.taskLane.answer({itemId: item.id, answer: typed, factId})))) {
                  setAnswer(typed);
                  setReanswering(wasReanswering);
                }
              }}
            >
              <input aria-label={`Answer to: ${item.text}`} value={answer} onChange={e => setAnswer(e.target.value)} required className="grow" />
              {!reanswering && (
                <label className="check">
                  <input type="checkbox" checked={asFact} onChange={e => setAsFact(e.target.checked)} /> save as fact
                </label>
              )}
              <button className="btn btn-small" type="submit">
                {reanswering ? 'Save answer' : 'Answer'}
              </button>
              {reanswering && (
                <button className="btn btn-small btn-quiet" type="button" onClick={() => setReanswering(false)}>
                  Cancel
                </button>
              )}
            </form>
          )}
          {answerable && item.state === 'done' && item.answer && !reanswering && (
            <button
              type="button"
              className="btn btn-small btn-quiet"
              onClick={() => {
                setAnswer(item.answer ?? '');
                setReanswering(true);
              }}
            >
              Change answer
            </button>
          )}
          {isFix && !FINAL_OUTCOMES.includes(item.outcome ?? '') && (
            <>
              {!item.applied_at && (
                <button type="button" className="btn btn-small" onClick={() => void run(mutators.taskLane.markFixApplied({itemId: item.id}))}>
                  I ran this
                </button>
              )}
              <button
                type="button"
                className="btn btn-small"
                onClick={() => void run(mutators.taskLane.recordFixOutcome({itemId: item.id, outcome: 'applied_success'}))}
              >
                It worked
              </button>
              {OUTCOME_FORMS.map(f => (
                <button
                  type="button"
                  key={f.outcome}
                  className="btn btn-small"
                  aria-pressed={outcomeForm?.outcome === f.outcome}
                  onClick={() => {
                    setOutcomeForm(outcomeForm?.outcome === f.outcome ? null : f);
                    setOutcomeText('');
                  }}
                >
                  {f.outcome === 'applied_pending' ? 'Pending…' : f.outcome === 'applied_partial' ? 'Partly…' : "Didn't work…"}
                </button>
              ))}
              <button
                type="button"
                className="btn btn-small btn-quiet"
                onClick={() => void run(mutators.taskLane.recordFixOutcome({itemId: item.id, outcome: 'dismissed'}))}
              >
                Dismiss fix
              </button>
            </>
          )}
          {item.kind !== 'suggested_fix' && item.state === 'open' && !answerable && (
            <button type="button" className="btn btn-small" onClick={() => void run(mutators.taskLane.setState({itemId: item.id, state: 'done'}))}>
              Done
            </button>
          )}
          {item.state === 'open' && !isFix && (
            <button type="button" className="btn btn-small btn-quiet" onClick={() => void run(mutators.taskLane.setState({itemId: item.id, state: 'dismissed'}))}>
              Dismiss
            </button>
          )}
          {item.state !== 'open' && !isFix && (
            <button type="button" className="btn btn-small btn-quiet" onClick={() => void run(mutators.taskLane.setState({itemId: item.id, state: 'open'}))}>
              Reopen
            </button>
          )}
          {editable && !editing && (
            <button
              type="button"
              className="btn btn-small btn-quiet"
              aria-label={`Edit “${short}”`}
              onClick={() => {
                setEditText(item.text);
                setEditing(true);
              }}
            >
              Edit
            </button>
          )}
          <button
            type="button"
            className="btn btn-small btn-quiet"
            aria-label={`Delete “${short}”`}
            onClick={() => void run(mutators.taskLane.remove({itemId: item.id}))}
          >
            Delete
          </button>
          <button type="button" className="btn btn-small btn-quiet" aria-label={`Move “${item.text}” up`} onClick={() => moveBy(-1)} disabled={idx === 0}>
            ↑
          </button>
          <button
            type="button"
            className="btn btn-small btn-quiet"
            aria-label={`Move “${item.text}” down`}
            onClick={() => moveBy(1)}
            disabled={idx === items.length - 1}
          >
            ↓
          </button>
        </div>
      )}
      {outcomeForm && (
        <form className="row" onSubmit={sendOutcome}>
          <label className="field grow">
            <span>{outcomeForm.label}</span>
            <input value={outcomeText} onChange={e => setOutcomeText(e.target.value)} required maxLength={outcomeForm.outcome === 'applied_partial' ? 2000 : 500} />
          </label>
          <button className="btn btn-small" type="submit">
            {outcomeForm.submit}
          </button>
        </form>
      )}
      <FormError message={error} />
    </li>
  );
}

/**
 * The walk's task lane: the driver, a watching engineer and the walk's own L1
 * (also while an engineer drives) add items; whispers are marked. Only the
 * driver or an engineer changes them (`canChange`).
 */
export function TaskLane({
  walkId,
  items,
  driverId,
  canChange,
  canAdd,
}: {
  walkId: string;
  items: readonly Item[];
  driverId: string;
  canChange: boolean;
  canAdd: boolean;
}) {
  const {run, error} = useChange();
  const [kind, setKind] = useState<LaneKind>('question');
  const [text, setText] = useDraft(walkId, 'laneText');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const t = text;
    setText('');
    if (!(await run(mutators.taskLane.add({itemId: crypto.randomUUID(), walkId, kind, text: t}), {waitForServer: false}))) setText(t);
  };
  return (
    <section className="card stack lane" aria-labelledby="lane-title">
      <h2 id="lane-title">Task lane</h2>
      <ul className="lane-list" data-testid="task-lane" aria-live="polite">
        {items.map(i => (
          <LaneItem key={i.id} item={i} driverId={driverId} canChange={canChange} items={items} />
        ))}
      </ul>
      {items.length === 0 && <p className="empty">Nothing in the lane yet.</p>}
      {canAdd && (
        <form className="stack" onSubmit={submit}>
          <div className="row">
            <label className="field">
              <span>Kind</span>
              <select value={kind} onChange={e => setKind(e.target.value as LaneKind)} name="laneKind">
                {LANE_KINDS.map(k => (
                  <option key={k} value={k}>
                    {KIND_LABEL[k]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field grow">
              <span>Add to the lane</span>
              <input value={text} onChange={e => setText(e.target.value)} required maxLength={2000} name="laneText" />
            </label>
          </div>
          <div>
            <button className="btn btn-small" type="submit">
              Add
            </button>
          </div>
        </form>
      )}
      <FormError message={error} />
    </section>
  );
}
