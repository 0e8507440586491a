import type {TandemContext} from '../../schema/index.ts';

export type SessionInfo = {
  context: TandemContext;
  user: {id: string; name: string; email: string; accountName: string};
  zeroUrl: string;
};

const REMEMBERED = 'tandem.session';

/**
 * The signed-in session, or null when signed out (401). The last good answer
 * is remembered in this browser (who you are, never a secret), so that with
 * no network the app still opens on the synced data it already has.
 */
export async function fetchSession(): Promise<SessionInfo | null> {
  let res: Response;
  try {
    res = await fetch('/api/session', {credentials: 'include'});
  } catch (error) {
    const remembered = rememberedSession();
    if (remembered) return remembered;
    throw error;
  }
  if (res.status === 401) {
    forgetSession();
    return null;
  }
  if (!res.ok) {
    const remembered = res.status >= 500 ? rememberedSession() : null;
    if (remembered) return remembered;
    throw new Error(`The server answered ${res.status}.`);
  }
  const session = (await res.json()) as SessionInfo;
  localStorage.setItem(REMEMBERED, JSON.stringify(session));
  return session;
}

function rememberedSession(): SessionInfo | null {
  try {
    return JSON.parse(localStorage.getItem(REMEMBERED) ?? 'null') as SessionInfo | null;
  } catch {
    return null;
  }
}

/** Signed out or the session ended: this browser no longer opens offline as that person. */
export function forgetSession(): void {
  localStorage.removeItem(REMEMBERED);
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
  forgetSession();
  await fetch('/api/auth/sign-out', {
    method: 'POST',
    credentials: 'include',
    headers: {'content-type': 'application/json'},
    body: '{}',
  });
}
