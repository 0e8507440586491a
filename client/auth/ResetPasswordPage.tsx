import {useState, type FormEvent} from 'react';
import {Link} from '../app/router.tsx';
import {FormError} from '../ui/FormError.tsx';
import {AuthCard} from './AuthCard.tsx';
import {resetPassword} from './password-api.ts';

/** The emailed link's page: sets a new password with the link's token, then back to sign in. */
export function ResetPasswordPage({token, onDone}: {token: string; onDone: (notice: string) => void}) {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password !== again) return setError('The two passwords are not the same.');
    setBusy(true);
    setError(null);
    try {
      await resetPassword(token, password);
      onDone('Your password is changed, and you are signed out on every device. Sign in with the new password.');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard>
      <h1 className="auth-title">Choose a new password</h1>
      {!token ? (
        <p className="error" role="alert">
          This link has no reset token. <Link href="/forgot-password">Ask for a new link</Link>.
        </p>
      ) : (
        <form onSubmit={submit} className="stack">
          <label className="field">
            <span>New password</span>
            <input
              type="password"
              name="new-password"
              autoComplete="new-password"
              minLength={8}
              required
              value={password}
              onChange={e => setPassword(e.target.value)}
              autoFocus
            />
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
          <p className="muted">At least 8 characters. Setting it signs you out on every device.</p>
          <FormError message={error} />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Set new password'}
          </button>
          {error?.includes('expired') && <Link href="/forgot-password">Ask for a new link</Link>}
        </form>
      )}
    </AuthCard>
  );
}
