import {useState, type FormEvent} from 'react';
import {FormError} from '../ui/FormError.tsx';
import {AuthCard} from './AuthCard.tsx';
import {signIn} from './session-api.ts';

const DEMO = [
  ['l1@northwind.test', 'L1 tech'],
  ['senior@northwind.test', 'Engineer'],
  ['owner@northwind.test', 'Owner'],
  ['cover@northwind.test', 'Engineer covering L1'],
  ['viewer@northwind.test', 'Viewer'],
  ['engineer@contoso.test', 'Engineer (Contoso)'],
] as const;

export function SignInPage({onSignedIn, notice}: {onSignedIn: () => void; notice?: string}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      onSignedIn();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard>
      <p className="muted">Walk the call together. Sign in to your helpdesk workspace.</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={submit} className="stack">
        <label className="field">
          <span>Email</span>
          <input type="email" name="email" autoComplete="username" required value={email} onChange={e => setEmail(e.target.value)} autoFocus />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={e => setPassword(e.target.value)} />
        </label>
        <FormError message={error} />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <details className="demo-logins">
        <summary>Demo sign-ins (password “tandem-demo”)</summary>
        <ul>
          {DEMO.map(([addr, label]) => (
            <li key={addr}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  setEmail(addr);
                  setPassword('tandem-demo');
                }}
              >
                {addr}
              </button>{' '}
              <span className="muted">{label}</span>
            </li>
          ))}
        </ul>
      </details>
    </AuthCard>
  );
}
