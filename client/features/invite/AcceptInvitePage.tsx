import {useEffect, useState, type FormEvent} from 'react';
import {AuthCard} from '../../auth/AuthCard.tsx';
import {FormError} from '../../ui/FormError.tsx';
import {roleInSentence} from '../../ui/people.ts';

type Invite = {email: string; role: string; accountName: string};

/** The page an invite link opens: create your login with the invited email, then you are in. */
export function AcceptInvitePage({code, onJoined}: {code: string; onJoined: () => void}) {
  const [invite, setInvite] = useState<Invite | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetch(`/api/invites/${encodeURIComponent(code)}`)
      .then(async res => {
        const body = await res.json();
        if (res.ok) setInvite(body as Invite);
        else setProblem(body.message ?? 'This invite link is not valid.');
      })
      .catch(() => setProblem('Tandem could not reach its server.'));
  }, [code]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await fetch('/api/invites/accept', {
      method: 'POST',
      credentials: 'include',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({code, name, password}),
    });
    setBusy(false);
    if (res.ok) {
      history.replaceState(null, '', '/');
      onJoined();
      return;
    }
    const body = await res.json().catch(() => ({}));
    setError(body.message ?? `Joining failed (${res.status}).`);
  };

  return (
    <AuthCard>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : !invite ? (
        <p className="muted">Checking your invite…</p>
      ) : (
        <form className="stack" onSubmit={submit}>
          <p>
            You're invited to <strong>{invite.accountName}</strong> as {roleInSentence(invite.role)}.
          </p>
          <label className="field">
            <span>Email</span>
            <input type="email" value={invite.email} readOnly />
          </label>
          <label className="field">
            <span>Your name</span>
            <input name="name" required value={name} onChange={e => setName(e.target.value)} autoFocus />
          </label>
          <label className="field">
            <span>Choose a password</span>
            <input type="password" name="password" autoComplete="new-password" minLength={8} required value={password} onChange={e => setPassword(e.target.value)} />
          </label>
          <FormError message={error} />
          <button className="btn btn-primary" type="submit" disabled={busy}>
            {busy ? 'Joining…' : 'Join the team'}
          </button>
        </form>
      )}
    </AuthCard>
  );
}
