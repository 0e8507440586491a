/** A random code for an invite link, and the SHA-256 hex the server stores. */
export async function newInviteCode(): Promise<{code: string; codeHash: string}> {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  const code = Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(code));
  const codeHash = Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, '0')).join('');
  return {code, codeHash};
}
