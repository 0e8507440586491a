import {useState, type FormEvent} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {LANE_KINDS, type LaneKind, type TaskLaneItem} from '../../../schema/index.ts';
import {ago} from '../../ui/time.ts';
import {useNow} from '../../ui/useNow.ts';
import {useRun} from './use-run.ts';
import {FormError} from '../../ui/FormError.tsx';
import {useDraft} from './unsaved-drafts.ts';

type Item = TaskLaneItem & {author?: {name: string} | undefined};
const KIND_LABEL: Record<LaneKind, string> = {question: 'Ask', check: 'Check', fact: 'What we know', suggested_fix: 'Suggested fix'};
const OUTCOME_LABEL: Record<string, string> = {
  proposed: 'proposed',
  applied_pending: 'awaiting verification',
  applied_success: 'worked',
  applied_failed: "didn't work",
  applied_partial: 'partly worked',
  dismissed: 'dismissed',
};

function LaneItem({item, driverId, canChange, items}: {item: Item; driverId: string; canChange: boolean; items: readonly Item[]}) {
  const {run, error} = useRun();
  const [answer, setAnswer] = useState('');
  const [asFact, setAsFact] = useState(true);
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

  return (
    <li className={`lane-item lane-${item.kind} state-${item.state}${superseded ? ' superseded' : ''}`} data-lane-item={item.id}>
      <div className="lane-head">
        <span className="lane-kind">{KIND_LABEL[item.kind]}</span>
        {whisper && <span className="badge badge-info">from {item.author?.name ?? 'a watcher'}</span>}
        {item.kind === 'suggested_fix' && <span className="badge badge-neutral">{superseded ? 'superseded' : OUTCOME_LABEL[item.outcome ?? 'proposed']}</span>}
        {item.state !== 'open' && item.kind !== 'suggested_fix' && <span className="badge badge-muted">{item.state}</span>}
      </div>
      <div className="lane-text">{item.text}</div>
      {item.answer && <div className="row-meta">Customer: “{item.answer}”</div>}
      {item.kind === 'fact' && item.source && item.source !== 'manual' && <div className="row-meta">from a {item.source}</div>}
      {item.kind === 'suggested_fix' && item.applied_at && item.outcome === 'proposed' && (
        <div className="row-meta">Applied {ago(item.applied_at, now)} · verifying</div>
      )}
      {canChange && !superseded && (
        <div className="lane-actions">
          {(item.kind === 'question' || item.kind === 'check') && item.state === 'open' && (
            <form
              className="row"
              onSubmit={async (e: FormEvent) => {
                e.preventDefault();
                if (await run(mutators.taskLane.answer({itemId: item.id, answer, factId: asFact ? crypto.randomUUID() : undefined}))) setAnswer('');
              }}
            >
              <input aria-label={`Answer to: ${item.text}`} value={answer} onChange={e => setAnswer(e.target.value)} required className="grow" />
              <label className="check">
                <input type="checkbox" checked={asFact} onChange={e => setAsFact(e.target.checked)} /> save as fact
              </label>
              <button className="btn btn-small" type="submit">
                Answer
              </button>
            </form>
          )}
          {item.kind === 'suggested_fix' && !['applied_success', 'applied_failed', 'dismissed'].includes(item.outcome ?? '') && (
            <>
              {!item.applied_at && (
                <button className="btn btn-small" onClick={() => void run(mutators.taskLane.markFixApplied({itemId: item.id}))}>
                  I ran this
                </button>
              )}
              <button className="btn btn-small" onClick={() => void run(mutators.taskLane.recordFixOutcome({itemId: item.id, outcome: 'applied_success'}))}>
                It worked
              </button>
              <button
                className="btn btn-small"
                onClick={() => void run(mutators.taskLane.recordFixOutcome({itemId: item.id, outcome: 'applied_failed', failureReason: 'Did not fix the problem'}))}
              >
                Didn't work
              </button>
            </>
          )}
          {item.kind !== 'suggested_fix' && item.state === 'open' && item.kind !== 'question' && item.kind !== 'check' && (
            <button className="btn btn-small" onClick={() => void run(mutators.taskLane.setState({itemId: item.id, state: 'done'}))}>
              Done
            </button>
          )}
          {item.state === 'open' && item.kind !== 'suggested_fix' && (
            <button className="btn btn-small btn-quiet" onClick={() => void run(mutators.taskLane.setState({itemId: item.id, state: 'dismissed'}))}>
              Dismiss
            </button>
          )}
          {item.state !== 'open' && item.kind !== 'suggested_fix' && (
            <button className="btn btn-small btn-quiet" onClick={() => void run(mutators.taskLane.setState({itemId: item.id, state: 'open'}))}>
              Reopen
            </button>
          )}
          <button className="btn btn-small btn-quiet" aria-label={`Move “${item.text}” up`} onClick={() => moveBy(-1)} disabled={idx === 0}>
            ↑
          </button>
          <button className="btn btn-small btn-quiet" aria-label={`Move “${item.text}” down`} onClick={() => moveBy(1)} disabled={idx === items.length - 1}>
            ↓
          </button>
        </div>
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
  const {run, error} = useRun();
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
