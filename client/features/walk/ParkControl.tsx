import {useState, type FormEvent} from 'react';
import {mutators} from '../../../mutators/index.ts';
import type {Handoff} from '../../../schema/index.ts';
import {FormError} from '../../ui/FormError.tsx';
import {ago} from '../../ui/time.ts';
import {useNow} from '../../ui/useNow.ts';
import {useChange} from '../../offline/use-change.ts';

/**
 * "Waiting on the customer": the driver parks the walk (a private `park`
 * handoff, docs/handoff.md) and picks it up again. While parked, everyone looking
 * sees so, and the 24 h idle rule leaves the walk alone.
 */
export function ParkControl({walkId, handoffs, driving}: {walkId: string; handoffs: readonly Handoff[]; driving: boolean}) {
  const {run, error} = useChange();
  const now = useNow(30_000);
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const parked = handoffs.find(h => h.intent === 'park' && h.status === 'open');

  if (parked) {
    return (
      <div className="notice row" role="status" data-testid="walk-parked">
        <span className="grow">
          Parked {ago(parked.escalated_at, now)}: waiting on the customer{parked.details ? ` — ${parked.details}` : '.'}
        </span>
        {driving && (
          <button type="button" className="btn btn-small" onClick={() => void run(mutators.walk.unpark({walkId}))}>
            Pick up again
          </button>
        )}
        <FormError message={error} />
      </div>
    );
  }
  if (!driving) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(mutators.walk.park({walkId, handoffId: crypto.randomUUID(), note: note.trim() || null}))) {
      setAsking(false);
      setNote('');
    }
  };
  return (
    <div className="stack">
      {asking ? (
        <form className="row" onSubmit={submit}>
          <label className="field grow">
            <span>What are we waiting for? (optional)</span>
            <input value={note} onChange={e => setNote(e.target.value)} maxLength={4000} name="parkNote" />
          </label>
          <button className="btn btn-small" type="submit">
            Park walk
          </button>
          <button className="btn btn-small btn-quiet" type="button" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div>
          <button type="button" className="btn btn-small btn-quiet" onClick={() => setAsking(true)}>
            Park: waiting on the customer
          </button>
        </div>
      )}
      <FormError message={error} />
    </div>
  );
}
