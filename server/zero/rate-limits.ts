/**
 * Rate limits of the two Zero endpoints, so that one session (a runaway tab,
 * a script) cannot take the API and Postgres from everyone else in its
 * account, or one account from the others:
 *
 * - mutations: per session and per account, counted per mutation in a push;
 * - named queries: per session, counted per query zero-cache asks the API to
 *   transform (opening hundreds of queries costs zero-cache a pipeline each).
 *
 * Each is a token bucket: `perSecond` sustained, `burst` at once. A push is
 * let in while its session's and its account's buckets are not empty and
 * then takes one token per mutation, into debt if it carries more (a client
 * back after a long time offline sends its whole queue in one push: that must
 * go in, and its next pushes wait until the debt is paid back). The buckets
 * live in the API process (with several API processes, each counts its own).
 */
export type ZeroRateLimits = {
  sessionMutationsPerSecond: number;
  sessionMutationBurst: number;
  accountMutationsPerSecond: number;
  accountMutationBurst: number;
  sessionQueriesPerSecond: number;
  sessionQueryBurst: number;
};

export const DEFAULT_ZERO_RATE_LIMITS: ZeroRateLimits = {
  // A technician records a step every few seconds; a script pushing as fast as it can does thousands.
  sessionMutationsPerSecond: 20,
  sessionMutationBurst: 200,
  // The benchmark's busiest account (throughput ramp) confirms up to 200 writes/s in one account.
  accountMutationsPerSecond: 250,
  accountMutationBurst: 2500,
  // A page opens a dozen queries; a reconnect or zero-cache's periodic re-transform asks for all again.
  sessionQueriesPerSecond: 10,
  sessionQueryBurst: 200,
};

/** The limits from TANDEM_RATE_* (a positive whole number each), falling back to the defaults. */
export function zeroRateLimitsFromEnv(count: (name: string, fallback: number) => number): ZeroRateLimits {
  const d = DEFAULT_ZERO_RATE_LIMITS;
  return {
    sessionMutationsPerSecond: count('TANDEM_RATE_SESSION_MUTATIONS_PER_S', d.sessionMutationsPerSecond),
    sessionMutationBurst: count('TANDEM_RATE_SESSION_MUTATION_BURST', d.sessionMutationBurst),
    accountMutationsPerSecond: count('TANDEM_RATE_ACCOUNT_MUTATIONS_PER_S', d.accountMutationsPerSecond),
    accountMutationBurst: count('TANDEM_RATE_ACCOUNT_MUTATION_BURST', d.accountMutationBurst),
    sessionQueriesPerSecond: count('TANDEM_RATE_SESSION_QUERIES_PER_S', d.sessionQueriesPerSecond),
    sessionQueryBurst: count('TANDEM_RATE_SESSION_QUERY_BURST', d.sessionQueryBurst),
  };
}

/** One bucket per key (a session or an account); idle full buckets are forgotten. */
export class TokenBuckets {
  #perSecond: number;
  #burst: number;
  #now: () => number;
  #buckets = new Map<string, {tokens: number; at: number}>();

  constructor(perSecond: number, burst: number, now: () => number = Date.now) {
    this.#perSecond = perSecond;
    this.#burst = burst;
    this.#now = now;
  }

  /** Tokens in `key`'s bucket now (negative while in debt). */
  level(key: string): number {
    const now = this.#now();
    const b = this.#buckets.get(key);
    if (!b) return this.#burst;
    const tokens = Math.min(this.#burst, b.tokens + ((now - b.at) / 1000) * this.#perSecond);
    b.tokens = tokens;
    b.at = now;
    if (tokens >= this.#burst) this.#buckets.delete(key);
    return tokens;
  }

  /** Whether `key` may go now (its bucket holds at least one token). */
  open(key: string): boolean {
    return this.level(key) >= 1;
  }

  /** Seconds until `key`'s bucket holds a token again (0 when it does). */
  waitSeconds(key: string): number {
    const level = this.level(key);
    return level >= 1 ? 0 : Math.ceil((1 - level) / this.#perSecond);
  }

  take(key: string, count: number): void {
    const tokens = this.level(key) - count;
    this.#buckets.set(key, {tokens, at: this.#now()});
    if (this.#buckets.size > 100_000) this.#forgetFull();
  }

  #forgetFull(): void {
    for (const key of [...this.#buckets.keys()]) this.level(key);
  }
}

/** Why a request was held back: the stable code, a sentence for the person, and when to try again. */
export type Throttled = {error: 'rate_limited'; message: string; retryAfterSeconds: number};

/** The mutation and query limits of one API process. */
export class ZeroRateLimiter {
  #sessionMutations: TokenBuckets;
  #accountMutations: TokenBuckets;
  #sessionQueries: TokenBuckets;
  #queriesPerSecond: number;

  constructor(limits: ZeroRateLimits, now?: () => number) {
    this.#queriesPerSecond = limits.sessionQueriesPerSecond;
    this.#sessionMutations = new TokenBuckets(limits.sessionMutationsPerSecond, limits.sessionMutationBurst, now);
    this.#accountMutations = new TokenBuckets(limits.accountMutationsPerSecond, limits.accountMutationBurst, now);
    this.#sessionQueries = new TokenBuckets(limits.sessionQueriesPerSecond, limits.sessionQueryBurst, now);
  }

  /** Lets a push of `count` mutations in (and counts it), or says why not. */
  admitPush(sessionId: string, accountId: string, count: number): Throttled | undefined {
    if (count === 0) return undefined;
    if (!this.#sessionMutations.open(sessionId)) {
      return throttled('Too many changes from this session: slow down. They are kept and sent again shortly.', this.#sessionMutations.waitSeconds(sessionId));
    }
    if (!this.#accountMutations.open(accountId)) {
      return throttled(
        'Too many changes from this account right now: slow down. They are kept and sent again shortly.',
        this.#accountMutations.waitSeconds(accountId),
      );
    }
    this.#sessionMutations.take(sessionId, count);
    this.#accountMutations.take(accountId, count);
    return undefined;
  }

  /**
   * How many of a transform's `count` named queries may go (the first ones,
   * as many as the session's bucket holds, never into debt: one request of
   * hundreds is cut too), and why the rest may not.
   */
  admitQueries(sessionId: string, count: number): {allowed: number; throttled?: Throttled} {
    if (count === 0) return {allowed: 0};
    const allowed = Math.max(0, Math.min(count, Math.floor(this.#sessionQueries.level(sessionId))));
    this.#sessionQueries.take(sessionId, allowed);
    if (allowed === count) return {allowed};
    return {
      allowed,
      throttled: throttled('Too many queries opened by this session: slow down.', Math.ceil((count - allowed) / this.#queriesPerSecond)),
    };
  }
}

function throttled(message: string, retryAfterSeconds: number): Throttled {
  return {error: 'rate_limited', message, retryAfterSeconds: Math.max(1, retryAfterSeconds)};
}
