// better-auth's password and session endpoints, as the pages use them.

/** better-auth's error code, when it sent one (e.g. INVALID_PASSWORD, INVALID_TOKEN). */
async function failure(res: Response): Promise<{code?: string; message?: string}> {
  return ((await res.json().catch(() => null)) as {code?: string; message?: string} | null) ?? {};
}

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`/api/auth/${path}`, {
    method: 'POST',
    credentials: 'include',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify(body),
  });
}

/** Mails a reset link if the address has an account (the answer never says whether it has). */
export async function requestPasswordReset(email: string): Promise<void> {
  const res = await post('request-password-reset', {email});
  if (res.ok) return;
  const body = await failure(res);
  if (res.status === 429) throw new Error(body.message ?? 'Too many requests. Wait a few minutes and try again.');
  throw new Error(`The reset link could not be sent (${res.status}). Try again.`);
}

/** Sets a new password with the emailed token; every session of the person ends. */
export async function resetPassword(token: string, newPassword: string): Promise<void> {
  const res = await post('reset-password', {token, newPassword});
  if (res.ok) return;
  const body = await failure(res);
  if (body.code === 'INVALID_TOKEN') throw new Error('This reset link has expired or was already used. Ask for a new one.');
  if (body.code === 'PASSWORD_TOO_SHORT') throw new Error('The new password must be at least 8 characters.');
  throw new Error(body.message ?? `The password could not be reset (${res.status}).`);
}

/** Changes the signed-in person's password; `signOutOthers` ends their other sessions. */
export async function changePassword(currentPassword: string, newPassword: string, signOutOthers: boolean): Promise<void> {
  const res = await post('change-password', {currentPassword, newPassword, revokeOtherSessions: signOutOthers});
  if (res.ok) return;
  const body = await failure(res);
  if (body.code === 'INVALID_PASSWORD') throw new Error('Your current password is not right.');
  if (body.code === 'PASSWORD_TOO_SHORT') throw new Error('The new password must be at least 8 characters.');
  throw new Error(body.message ?? `The password could not be changed (${res.status}).`);
}

/** Ends every session of the signed-in person, this one included. */
export async function signOutEverywhere(): Promise<void> {
  const res = await post('revoke-sessions', {});
  if (!res.ok) throw new Error(`Could not sign out everywhere (${res.status}). Try again.`);
}
