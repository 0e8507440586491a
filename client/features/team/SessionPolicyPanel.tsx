import {useState} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {SESSION_POLICY_BOUNDS} from '../../../mutators/account/session-policy.ts';
import type {Account} from '../../../schema/index.ts';
import {FormError} from '../../ui/FormError.tsx';
import {useTeamChange} from './team-changes.ts';

const {idleMinutes: IDLE, absoluteHours: ABSOLUTE} = SESSION_POLICY_BOUNDS;

/** Owners: how long a session may sit idle, and how long it may live at all. */
export function SessionPolicyPanel({account}: {account: Account | undefined}) {
  const {run, error} = useTeamChange();
  // What the owner typed, or null: the field shows the synced value until it is
  // edited, so a value typed before the account row arrives (or while another
  // owner changes it) is never overwritten under the cursor.
  const [idleTyped, setIdle] = useState<string | null>(null);
  const [absoluteTyped, setAbsolute] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const idle = idleTyped ?? (account ? String(account.session_idle_minutes) : '');
  const absolute = absoluteTyped ?? (account ? String(account.session_absolute_hours) : '');
  const loading = !account;

  return (
    <section className="card stack" aria-labelledby="session-policy-title">
      <h2 id="session-policy-title">Sessions</h2>
      <form
        className="row"
        onSubmit={async e => {
          e.preventDefault();
          setSaved(false);
          const ok = await run(mutators.account.updateSessionPolicy({idleMinutes: Number(idle), absoluteHours: Number(absolute)}));
          setSaved(ok);
          if (ok) {
            setIdle(null);
            setAbsolute(null);
          }
        }}
      >
        <label className="field">
          <span>Sign out after idle (minutes)</span>
          <input
            type="number"
            name="idleMinutes"
            min={IDLE.min}
            max={IDLE.max}
            step={1}
            required
            disabled={loading}
            value={idle}
            onChange={e => setIdle(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Sign out after at most (hours)</span>
          <input
            type="number"
            name="absoluteHours"
            min={ABSOLUTE.min}
            max={ABSOLUTE.max}
            step={1}
            required
            disabled={loading}
            value={absolute}
            onChange={e => setAbsolute(e.target.value)}
          />
        </label>
        <div className="field">
          <span>&nbsp;</span>
          <button className="btn" type="submit" disabled={loading}>
            Save
          </button>
        </div>
      </form>
      <p className="muted">
        Idle: {IDLE.min} minutes to {IDLE.max / 60 / 24} days. At most: {ABSOLUTE.min} hour to {ABSOLUTE.max / 24} days after sign-in.
        {saved && <span role="status"> Saved.</span>}
      </p>
      <FormError message={error} />
    </section>
  );
}
