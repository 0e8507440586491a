import type {MiddlewareHandler} from 'hono';
import type {Sql} from '../db/connect.ts';
import {clientAddress, emailOf, signInLimiter, type SignInLimits} from './sign-in-limit.ts';

/**
 * Guards POST /api/auth/request-password-reset with the sign-in limit's
 * store and numbers (auth.sign_in_attempt): every request counts, answered
 * or not (each one mails someone), per address asked about and per client
 * address. An email's reset requests are counted apart from its failed
 * sign-ins (a `reset:` key), so asking for links never locks the person out
 * of signing in; a client address's count covers both. Over the limit: 429
 * with Retry-After, before any email is looked up or sent.
 */
export function resetRequestRateLimit(sql: Sql, limits: SignInLimits): MiddlewareHandler {
  const limiter = signInLimiter(sql, limits);
  return async (c, next) => {
    const email = await emailOf(c);
    const verdict = await limiter.begin(`reset:${email}`, clientAddress(c, limits.trustProxy));
    if (!verdict.ok) {
      const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
      const who = verdict.scope === 'email' ? 'this account' : 'this network address';
      c.header('Retry-After', String(verdict.retryAfterSeconds));
      return c.json(
        {
          error: 'rate_limited',
          message: `Too many password reset requests for ${who}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
          retryAfterSeconds: verdict.retryAfterSeconds,
        },
        429,
      );
    }
    await next();
  };
}
