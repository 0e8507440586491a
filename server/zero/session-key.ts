import {createHash} from 'node:crypto';

/**
 * A short, stable name for the session a Zero request carries (the bearer
 * token, or better-auth's session cookie that zero-cache forwards), for
 * per-session rate limits: a digest, so no live credential is kept as a key.
 * Requests without either fall back to the person (`userId`).
 */
export function sessionKey(headers: Headers, userId: string): string {
  const bearer = headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
  const cookie = (headers.get('cookie') ?? '')
    .split(';')
    .map(c => c.trim())
    .find(c => /^(__Secure-)?better-auth\.session_token=/.test(c));
  const secret = bearer ?? cookie;
  if (!secret) return `member:${userId}`;
  return `session:${createHash('sha256').update(secret.split('.')[0]).digest('base64url').slice(0, 22)}`;
}
