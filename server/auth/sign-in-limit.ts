import {getConnInfo} from '@hono/node-server/conninfo';
import type {Context, MiddlewareHandler} from 'hono';
import type {Sql} from '../db/connect.ts';

export type SignInLimits = {
  /** Failed sign-ins per account email within the window before that email is locked. */
  maxPerEmail: number;
  /** Failed sign-ins per client address within the window before that address is locked. */
  maxPerIp: number;
  windowMinutes: number;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
};

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {maxPerEmail: 5, maxPerIp: 30, windowMinutes: 15, trustProxy: false};

type Verdict = {ok: true; attemptId: string} | {ok: false; scope: 'email' | 'ip'; retryAfterSeconds: number};

/**
 * The sign-in rate limit, kept in Postgres (auth.sign_in_attempt) so it
 * holds across API restarts and across several API processes.
 *
 * Every attempt is written first as a provisional failure and only then
 * counted, so a burst of parallel guesses cannot slip past the limit before
 * the first ones are judged: the attempt that would go over the limit sees
 * the others and is refused (its row is removed again, so refused attempts
 * do not prolong the lock). A successful sign-in removes its own row and the
 * email's earlier failures; a failed one keeps its row for the window.
 */
export function signInLimiter(sql: Sql, limits: SignInLimits) {
  const window = `${limits.windowMinutes} minutes`;

  async function begin(email: string, ip: string): Promise<Verdict> {
    await sql`delete from auth.sign_in_attempt where at < now() - ${window}::interval`;
    const [{id}] = await sql<{id: string}[]>`
      insert into auth.sign_in_attempt (email, ip) values (${email}, ${ip}) returning id`;
    const [counts] = await sql<{by_email: number; by_ip: number; email_free_in: number; ip_free_in: number}[]>`
      select count(*) filter (where email = ${email})::int as by_email,
             count(*) filter (where ip = ${ip})::int as by_ip,
             ceil(extract(epoch from (min(at) filter (where email = ${email}) + ${window}::interval - now())))::int as email_free_in,
             ceil(extract(epoch from (min(at) filter (where ip = ${ip}) + ${window}::interval - now())))::int as ip_free_in
      from auth.sign_in_attempt
      where (email = ${email} or ip = ${ip}) and at >= now() - ${window}::interval`;
    const scope = counts.by_email > limits.maxPerEmail ? 'email' : counts.by_ip > limits.maxPerIp ? 'ip' : undefined;
    if (!scope) return {ok: true, attemptId: id};
    await sql`delete from auth.sign_in_attempt where id = ${id}`;
    const freeIn = scope === 'email' ? counts.email_free_in : counts.ip_free_in;
    return {ok: false, scope, retryAfterSeconds: Math.max(1, freeIn)};
  }

  async function succeeded(attemptId: string, email: string): Promise<void> {
    await sql`delete from auth.sign_in_attempt where id = ${attemptId} or email = ${email}`;
  }

  return {begin, succeeded};
}

function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

async function emailOf(c: Context): Promise<string> {
  const body = (await c.req.raw
    .clone()
    .json()
    .catch(() => null)) as {email?: unknown} | null;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase().slice(0, 320) : '';
}

/**
 * Guards POST /api/auth/sign-in/email: over the limit it answers 429 with
 * Retry-After (seconds) and a JSON message, before the password is checked.
 */
export function signInRateLimit(sql: Sql, limits: SignInLimits): MiddlewareHandler {
  const limiter = signInLimiter(sql, limits);
  return async (c, next) => {
    const email = await emailOf(c);
    const verdict = await limiter.begin(email, clientAddress(c, limits.trustProxy));
    if (!verdict.ok) {
      const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
      const who = verdict.scope === 'email' ? 'this account' : 'this network address';
      c.header('Retry-After', String(verdict.retryAfterSeconds));
      return c.json(
        {
          error: 'rate_limited',
          message: `Too many failed sign-in attempts for ${who}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
          retryAfterSeconds: verdict.retryAfterSeconds,
        },
        429,
      );
    }
    await next();
    if (c.res.ok) await limiter.succeeded(verdict.attemptId, email);
  };
}
