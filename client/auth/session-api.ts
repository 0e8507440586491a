import type {TandemContext} from '../../schema/index.ts';

export type SessionInfo = {
  context: TandemContext;
  user: {id: string; name: string; email: string; accountName: string};
  zeroUrl: string;
};

/** The signed-in session, or null when signed out (401). */
export async function fetchSession(): Promise<SessionInfo | null> {
  const res = await fetch('/api/session', {credentials: 'include'});
  if (res.status === 401) return null;
  if (!res.ok) throw new Error(`The server answered ${res.status}.`);
  return (await res.json()) as SessionInfo;
}

export async function signIn(email: string, password: string): Promise<void> {
  const res = await fetch('/api/auth/sign-in/email', {
    method: 'POST',
    credentials: 'include',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({email, password}),
  });
  if (res.ok) return;
  if (res.status === 401 || res.status === 400) throw new Error('That email and password do not match an account.');
  if (res.status === 429) {
    const body = (await res.json().catch(() => null)) as {message?: string} | null;
    throw new Error(body?.message ?? 'Too many attempts. Wait a few minutes and try again.');
  }
  throw new Error(`Sign-in failed (${res.status}). Try again.`);
}

export async function signOut(): Promise<void> {
  await fetch('/api/auth/sign-out', {
    method: 'POST',
    credentials: 'include',
    headers: {'content-type': 'application/json'},
    body: '{}',
  });
}
