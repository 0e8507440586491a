import {useState, type FormEvent} from 'react';
import {Link} from '../app/router.tsx';
import {FormError} from '../ui/FormError.tsx';
import {AuthCard} from './AuthCard.tsx';
import {requestPasswordReset} from './password-api.ts';

/** "Forgot password?": asks for a reset link by email. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await requestPasswordReset(email.trim());
      setSentTo(email.trim());
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard>
      <h1 className="auth-title">Reset your password</h1>
      {sentTo ? (
        <p className="notice" role="status">
          If {sentTo} belongs to a Tandem account, a reset link is on its way. It works once, for one hour.
        </p>
      ) : (
        <form onSubmit={submit} className="stack">
          <p className="muted">Enter the email you sign in with. We'll send you a link to choose a new password.</p>
          <label className="field">
            <span>Email</span>
            <input type="email" name="email" autoComplete="username" required value={email} onChange={e => setEmail(e.target.value)} autoFocus />
          </label>
          <FormError message={error} />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Sending…' : 'Send reset link'}
          </button>
        </form>
      )}
      <p>
        <Link href="/">Back to sign in</Link>
      </p>
    </AuthCard>
  );
}
