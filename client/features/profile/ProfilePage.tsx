import {useRef, useState, type FormEvent} from 'react';
import {changePassword, signOutEverywhere} from '../../auth/password-api.ts';
import {useSignedOut} from '../../auth/signed-out-context.ts';
import {ConfirmDialog} from '../../ui/ConfirmDialog.tsx';
import {FormError} from '../../ui/FormError.tsx';
import {useSession} from '../../zero/session-context.ts';
import './profile.css';

const ROLE_LABEL = {owner: 'Owner', engineer: 'Engineer', l1_tech: 'L1 tech', viewer: 'Viewer'} as const;

/** `/profile`: who you are, your password, and "sign out everywhere". */
export function ProfilePage() {
  const session = useSession();
  const onSignedOut = useSignedOut();
  return (
    <div className="page profile">
      <h1>Your profile</h1>
      <section className="card" aria-labelledby="profile-who">
        <h2 id="profile-who">You</h2>
        <dl className="profile-facts">
          <dt>Name</dt>
          <dd>{session.user.name}</dd>
          <dt>Email</dt>
          <dd>{session.user.email}</dd>
          <dt>Role</dt>
          <dd>
            {ROLE_LABEL[session.context.role]} at {session.user.accountName}
          </dd>
        </dl>
      </section>
      <ChangePassword />
      <SignOutEverywhere onSignedOut={onSignedOut} />
    </div>
  );
}

function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [signOutOthers, setSignOutOthers] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (next !== again) return setError('The two new passwords are not the same.');
    setBusy(true);
    setError(null);
    try {
      await changePassword(current, next, signOutOthers);
      setCurrent('');
      setNext('');
      setAgain('');
      setDone(signOutOthers ? 'Password changed. Your other devices are signed out.' : 'Password changed.');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="profile-password">
      <h2 id="profile-password">Change password</h2>
      <form className="stack profile-form" onSubmit={submit}>
        <label className="field">
          <span>Current password</span>
          <input type="password" name="current-password" autoComplete="current-password" required value={current} onChange={e => setCurrent(e.target.value)} />
        </label>
        <label className="field">
          <span>New password</span>
          <input type="password" name="new-password" autoComplete="new-password" minLength={8} required value={next} onChange={e => setNext(e.target.value)} />
        </label>
        <label className="field">
          <span>New password again</span>
          <input
            type="password"
            name="new-password-again"
            autoComplete="new-password"
            minLength={8}
            required
            value={again}
            onChange={e => setAgain(e.target.value)}
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={signOutOthers} onChange={e => setSignOutOthers(e.target.checked)} /> Sign out my other devices
        </label>
        <FormError message={error} />
        {done && (
          <p className="notice" role="status">
            {done}
          </p>
        )}
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}

function SignOutEverywhere({onSignedOut}: {onSignedOut: (notice?: string) => void}) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <section className="card" aria-labelledby="profile-sessions">
      <h2 id="profile-sessions">Sessions</h2>
      <p className="muted">Lost a laptop or signed in on a shared computer? End every session of yours, on every device, this one too.</p>
      <button ref={button} type="button" className="btn" onClick={() => setAsking(true)}>
        Sign out everywhere
      </button>
      {asking && (
        <ConfirmDialog
          title="Sign out on every device?"
          confirmLabel="Sign out everywhere"
          returnFocusTo={button}
          error={error}
          onCancel={() => {
            setAsking(false);
            setError(null);
          }}
          onConfirm={async () => {
            try {
              await signOutEverywhere();
            } catch (err) {
              setError(err instanceof Error ? err.message : String(err));
              return false;
            }
            onSignedOut('You are signed out on every device.');
            return true;
          }}
        >
          <p>
            Every tab and device signed in as you stops syncing and goes back to the sign-in page. Changes not yet sent stay on their device until you sign in there
            again.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
