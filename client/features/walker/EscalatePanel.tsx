import {useState, type FormEvent} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {ESCALATION_REASONS, type TaskLaneItem} from '../../../schema/index.ts';
import {useRun} from './use-run.ts';
import {FormError} from '../../ui/FormError.tsx';

type Answer = 'failed' | 'worked' | 'partial' | 'never';

/** A fix that was run (or is pending/partial) must be accounted for before escalating. */
export function fixNeedingAnswer(lane: readonly TaskLaneItem[]): TaskLaneItem | undefined {
  return lane.find(
    i =>
      i.kind === 'suggested_fix' &&
      !i.superseded_by &&
      ((i.outcome === 'proposed' && i.applied_at) || i.outcome === 'applied_pending' || i.outcome === 'applied_partial'),
  );
}

/** Reason + details → escalated; with the "what happened with the fix?" intercept first. */
export function EscalatePanel({walkId, lane}: {walkId: string; lane: readonly TaskLaneItem[]}) {
  const {run, error} = useRun();
  const [reason, setReason] = useState<string>(ESCALATION_REASONS[0]);
  const [details, setDetails] = useState('');
  const [asking, setAsking] = useState(false);
  const [answer, setAnswer] = useState<Answer>('failed');
  const [partialNote, setPartialNote] = useState('');
  const pendingFix = fixNeedingAnswer(lane);

  const escalate = () =>
    run(mutators.walk.escalate({walkId, handoffId: crypto.randomUUID(), reasonCategory: reason as (typeof ESCALATION_REASONS)[number], details: details || undefined}));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pendingFix) setAsking(true);
    else await escalate();
  };

  const recordAndEscalate = async (e: FormEvent) => {
    e.preventDefault();
    if (!pendingFix) return;
    const outcome = {failed: 'applied_failed', worked: 'applied_success', partial: 'applied_partial', never: 'dismissed'} as const;
    const ok = await run(
      mutators.taskLane.recordFixOutcome({
        itemId: pendingFix.id,
        outcome: outcome[answer],
        note: answer === 'partial' ? partialNote : undefined,
        failureReason: answer === 'failed' ? 'Did not fix the problem' : undefined,
      }),
    );
    // If recording fails the dialog stays open with the error: nothing moves on as if it had been recorded.
    if (!ok) return;
    setAsking(false);
    await escalate();
  };

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="escalate-title">
      <h2 id="escalate-title">Escalate</h2>
      <label className="field">
        <span>Reason</span>
        <select name="reasonCategory" value={reason} onChange={e => setReason(e.target.value)}>
          {ESCALATION_REASONS.map(r => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Details (optional)</span>
        <textarea rows={2} value={details} onChange={e => setDetails(e.target.value)} maxLength={4000} />
      </label>
      <FormError message={error} />
      <div>
        <button className="btn" type="submit">
          Escalate
        </button>
      </div>
      {asking && pendingFix && (
        <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="fix-question">
          <form className="dialog-body stack" onSubmit={recordAndEscalate}>
            <h3 id="fix-question">What happened with “{pendingFix.text}”?</h3>
            {(
              [
                ['failed', "It didn't work"],
                ['worked', 'It worked, escalating for another reason'],
                ['partial', 'Partly, with a note'],
                ['never', 'Never applied'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="radio">
                <input type="radio" name="fixAnswer" checked={answer === value} onChange={() => setAnswer(value)} autoFocus={value === 'failed'} /> {label}
              </label>
            ))}
            {answer === 'partial' && (
              <label className="field">
                <span>What worked, what didn't</span>
                <input value={partialNote} onChange={e => setPartialNote(e.target.value)} required />
              </label>
            )}
            <FormError message={error} />
            <div className="row">
              <button className="btn btn-primary" type="submit">
                Record and escalate
              </button>
              <button className="btn" type="button" onClick={() => setAsking(false)}>
                Cancel
              </button>
            </div>
          </form>
        </div>
      )}
    </form>
  );
}
