import {useEffect, useState} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {SEAT_LIMIT_MAX} from '../../../mutators/account/seat-limits.ts';
import type {Account} from '../../../schema/index.ts';
import {FormError} from '../../ui/FormError.tsx';
import {useTeamChange} from './team-changes.ts';

const asField = (limit: number | null | undefined) => (limit === null || limit === undefined ? '' : String(limit));
const asLimit = (field: string) => (field.trim() === '' ? null : Number(field));

/**
 * Owners set the engineer and L1 seat limits, beside the seat counter (empty =
 * unlimited). A limit below the seats in use is allowed: nobody loses a seat,
 * the account just cannot add more.
 */
export function SeatLimits({account}: {account: Account | undefined}) {
  const {run, error} = useTeamChange();
  const [open, setOpen] = useState(false);
  const [engineer, setEngineer] = useState('');
  const [l1, setL1] = useState('');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the fields are reset from the account each time the form opens (`open`), not only when the limits change
  useEffect(() => {
    setEngineer(asField(account?.engineer_seat_limit));
    setL1(asField(account?.l1_seat_limit));
  }, [account?.engineer_seat_limit, account?.l1_seat_limit, open]);

  if (!open) {
    return (
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        Seat limits…
      </button>
    );
  }
  return (
    <form
      className="seat-limits row"
      aria-label="Seat limits"
      onSubmit={async e => {
        e.preventDefault();
        if (await run(mutators.account.setSeatLimits({engineerSeatLimit: asLimit(engineer), l1SeatLimit: asLimit(l1)}))) setOpen(false);
      }}
    >
      <label className="field">
        <span>Engineer seats</span>
        <input
          type="number"
          name="engineerSeatLimit"
          min={0}
          max={SEAT_LIMIT_MAX}
          step={1}
          placeholder="unlimited"
          value={engineer}
          onChange={e => setEngineer(e.target.value)}
        />
      </label>
      <label className="field">
        <span>L1 seats</span>
        <input type="number" name="l1SeatLimit" min={0} max={SEAT_LIMIT_MAX} step={1} placeholder="unlimited" value={l1} onChange={e => setL1(e.target.value)} />
      </label>
      <div className="field">
        <span>&nbsp;</span>
        <div className="row">
          <button className="btn btn-small btn-primary" type="submit">
            Save limits
          </button>
          <button className="btn btn-small" type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </div>
      </div>
      <p className="muted">Empty means unlimited. A limit below the seats in use keeps everyone; no new seats are added.</p>
      <FormError message={error} />
    </form>
  );
}
