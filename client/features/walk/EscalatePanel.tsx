import {useRef, useState, type FormEvent, type RefObject} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {ESCALATION_REASONS, type TaskLaneItem} from '../../../schema/index.ts';
import {useChange} from '../../offline/use-change.ts';
import {FormError} from '../../ui/FormError.tsx';
import {Modal} from '../../ui/Modal.tsx';
import {useDraft} from './unsaved-drafts.ts';

type Answer = 'failed' | 'worked' | 'partial' | 'never';
type Reason = (typeof ESCALATION_REASONS)[number];

const ANSWERS = [
  ['failed', "It didn't work"],
  ['worked', 'It worked, escalating for another reason'],
  ['partial', 'Partly, with a note'],
  ['never', 'Never applied'],
] as const;
const OUTCOME = {failed: 'applied_failed', worked: 'applied_success', partial: 'applied_partial', never: 'dismissed'} as const;
const DEFAULT_FAILURE = 'Did not fix the problem';

/** A fix that was run (or is pending/partial) must be accounted for before escalating. */
export function fixNeedingAnswer(lane: readonly TaskLaneItem[]): TaskLaneItem | undefined {
  return lane.find(
    i =>
      i.kind === 'suggested_fix' &&
      !i.superseded_by &&
      ((i.outcome === 'proposed' && i.applied_at) || i.outcome === 'applied_pending' || i.outcome === 'applied_partial'),
  );
}

/**
 * "What happened with the fix?" (docs/shared-walks.md): records the answer, then escalates.
 * Enter picks the default, "It didn't work"; a refusal keeps the dialog open
 * with the error, so nothing moves on as if it had been recorded.
 */
function FixQuestion({
  fix,
  onClose,
  onRecorded,
  returnFocusTo,
}: {
  fix: TaskLaneItem;
  onClose: () => void;
  onRecorded: () => Promise<void>;
  returnFocusTo: RefObject<HTMLButtonElement | null>;
}) {
  const {run, error} = useChange();
  const [answer, setAnswer] = useState<Answer>('failed');
  const [failureReason, setFailureReason] = useState('');
  const [partialNote, setPartialNote] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation();
    if (busy) return;
    setBusy(true);
    const ok = await run(
      mutators.taskLane.recordFixOutcome({
        itemId: fix.id,
        outcome: OUTCOME[answer],
        note: answer === 'partial' ? partialNote : undefined,
        failureReason: answer === 'failed' ? failureReason.trim() || DEFAULT_FAILURE : undefined,
      }),
    );
    setBusy(false);
    if (ok) await onRecorded();
  };

  return (
    <Modal labelledBy="fix-question" onClose={onClose} returnFocusTo={returnFocusTo}>
      <form className="stack" onSubmit={submit} data-testid="fix-question">
        <h3 id="fix-question">What happened with “{fix.text}”?</h3>
        <fieldset className="stack radio-stack">
          <legend className="sr-only">Outcome of the fix</legend>
          {ANSWERS.map(([value, label]) => (
            <label key={value} className="radio">
              <input
                type="radio"
                name="fixAnswer"
                value={value}
                checked={answer === value}
                onChange={() => setAnswer(value)}
                data-autofocus={value === 'failed' ? '' : undefined}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        {answer === 'failed' && (
          <label className="field">
            <span>What happened when it was tried? (optional)</span>
            <input value={failureReason} onChange={e => setFailureReason(e.target.value)} maxLength={500} placeholder={DEFAULT_FAILURE} />
          </label>
        )}
        {answer === 'partial' && (
          <label className="field">
            <span>What worked, what didn't</span>
            <input value={partialNote} onChange={e => setPartialNote(e.target.value)} required maxLength={2000} />
          </label>
        )}
        <FormError message={error} />
        <div className="row">
          <button className="btn btn-primary" type="submit" disabled={busy}>
            Record and escalate
          </button>
          <button className="btn" type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Reason + details → escalated; with the "what happened with the fix?" intercept first. */
export function EscalatePanel({walkId, lane}: {walkId: string; lane: readonly TaskLaneItem[]}) {
  const {run, error} = useChange();
  const [reason, setReason] = useState<Reason>(ESCALATION_REASONS[0]);
  const [details, setDetails] = useDraft(walkId, 'escalationDetails');
  // The fix as it was when the question was asked: a change arriving meanwhile is the server's to refuse.
  const [asking, setAsking] = useState<TaskLaneItem | null>(null);
  const escalateButton = useRef<HTMLButtonElement>(null);

  const escalate = async () => {
    const ok = await run(mutators.walk.escalate({walkId, handoffId: crypto.randomUUID(), reasonCategory: reason, details: details || undefined}));
    if (ok) setDetails('');
    return ok;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const pendingFix = fixNeedingAnswer(lane);
    if (pendingFix) setAsking(pendingFix);
    else await escalate();
  };

  return (
    <>
      <form className="card stack" onSubmit={submit} aria-labelledby="escalate-title">
        <h2 id="escalate-title">Escalate</h2>
        <label className="field">
          <span>Reason</span>
          <select name="reasonCategory" value={reason} onChange={e => setReason(e.target.value as Reason)}>
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
          <button className="btn" type="submit" ref={escalateButton}>
            Escalate
          </button>
        </div>
      </form>
      {asking && (
        <FixQuestion
          fix={asking}
          returnFocusTo={escalateButton}
          onClose={() => setAsking(null)}
          onRecorded={async () => {
            setAsking(null);
            await escalate();
          }}
        />
      )}
    </>
  );
}
