import type {TandemContext} from '../../schema/index.ts';
import type {Sql} from '../db/connect.ts';
import type {ResolvedSession} from './context.ts';
import {expiredBy} from './session-policy.ts';

/** The channel migration 00019's triggers notify: a user id, or `*` for everyone. */
export const SESSION_CONTEXT_CHANNEL = 'tandem_session_context';

/**
 * How long a resolved session is reused at most. Whatever ends a session
 * or changes its member tells the cache at once (the triggers); this bounds
 * only what the cache could miss while its listening connection reconnects.
 */
export const SESSION_CONTEXT_MAX_AGE_MS = 10_000;
const MAX_ENTRIES = 20_000;

/**
 * When a kept session is resolved again in the background while still being
 * served: at a random point between these fractions of the maximum age, drawn
 * for each entry, so that sessions first resolved together (a floor of
 * clients connecting at once) do not all expire, and all wait, together.
 */
export const SESSION_CONTEXT_REFRESH_WINDOW = [0.5, 0.8] as const;

type Entry = ResolvedSession & {storedAt: number; refreshAt: number};

export type SessionContextCache = {
  contextOf: (headers: Headers) => Promise<TandemContext | undefined>;
  /**
   * Forgets a person's sessions (`*`: everyone's) at once: called by this
   * process right after it committed a change that ends or changes them, so
   * that its very next request resolves afresh without waiting for the
   * database's announcement (which still tells the other processes).
   */
  forget: (who: string) => void;
  /** Entries held now (tests, diagnostics). */
  size: () => number;
  stop: () => Promise<void>;
};

/**
 * The caller's context for every API request — each push, query transform,
 * zero-cache's revalidation of each connection every few seconds, each
 * presence beat — without three database round trips each time
 * (docs/performance.md). A session resolved by `resolve` is reused for a
 * few seconds while nothing about it changes:
 * - the database announces every change that ends a session or changes what
 *   it may do (`SESSION_CONTEXT_CHANNEL`), and the cache forgets that
 *   person's sessions (or all, for a policy change or a reconnect) before
 *   the change can be seen by anyone else;
 * - a change this process made itself (better-auth's sign-outs, a member
 *   mutator) is forgotten as soon as it commits (`forget`), before the
 *   announcement arrives: the next request of the same process sees it;
 * - a resolution that raced such an announcement is not kept;
 * - better-auth's expiry and the account's idle and absolute limits are
 *   checked on every use; past `SESSION_CONTEXT_MAX_AGE_MS` the session is
 *   resolved again (which also records its activity, session-policy.ts).
 *
 * No request waits for a session that is merely getting old: in use past
 * its refresh point (`SESSION_CONTEXT_REFRESH_WINDOW`, drawn per entry) it is
 * still served — it is no less fresh than before — while one resolution in
 * the background replaces it; a session found ended then is dropped. Only a
 * session unused until its maximum age waits for its resolution. Requests
 * that find the same session missing at the same moment (a push, a
 * revalidation and a beat of one tab) share one resolution. Without this,
 * every session a busy floor opened at once expired at once, every 10 s:
 * a few hundred resolutions in one burst, and every push behind them waited
 * (bench/README.md, seventh pass).
 *
 * Until the listening connection is up nothing is kept. Signed-out
 * requests are never cached.
 */
export async function sessionContextCache(
  sql: Sql,
  resolve: (headers: Headers) => Promise<ResolvedSession | undefined>,
  /** `jitter`: a number in [0, 1) per entry, where in the refresh window it is refreshed (tests pin it). */
  options: {maxAgeMs?: number; now?: () => number; jitter?: () => number} = {},
): Promise<SessionContextCache> {
  const maxAgeMs = options.maxAgeMs ?? SESSION_CONTEXT_MAX_AGE_MS;
  const now = options.now ?? Date.now;
  const jitter = options.jitter ?? Math.random;
  const [earliest, latest] = SESSION_CONTEXT_REFRESH_WINDOW;
  const entries = new Map<string, Entry>();
  /** Resolutions under way, by key, with the generation they started in (one joins only its own generation's). */
  const pending = new Map<string, {generation: number; result: Promise<ResolvedSession | undefined>}>();
  let generation = 0;
  let listening = false;

  const forget = (who: string) => {
    generation++;
    if (who === '*') entries.clear();
    else for (const [key, e] of entries) if (e.ctx.userId === who) entries.delete(key);
  };

  /** One resolution per key and generation; kept only when nothing was announced meanwhile. */
  const resolveAndKeep = (key: string, headers: Headers): Promise<ResolvedSession | undefined> => {
    const running = pending.get(key);
    if (running && running.generation === generation) return running.result;
    const before = generation;
    const started = now();
    const result = resolve(headers).then(
      resolved => {
        if (pending.get(key)?.result === result) pending.delete(key);
        if (before !== generation) return resolved;
        if (!resolved) {
          entries.delete(key);
          return resolved;
        }
        entries.delete(key); // re-inserted last: the oldest entry is the first dropped past MAX_ENTRIES
        entries.set(key, {...resolved, storedAt: started, refreshAt: started + maxAgeMs * (earliest + (latest - earliest) * jitter())});
        if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
        return resolved;
      },
      error => {
        if (pending.get(key)?.result === result) pending.delete(key);
        throw error;
      },
    );
    pending.set(key, {generation: before, result});
    return result;
  };
  const listener = await sql.listen(
    SESSION_CONTEXT_CHANNEL,
    who => forget(who),
    () => {
      // (Re)connected: whatever was announced while the connection was down is unknown.
      forget('*');
      listening = true;
    },
  );

  const usable = (e: Entry, t: number) =>
    t - e.storedAt < maxAgeMs &&
    t < e.session.expiresAt &&
    !expiredBy({id: e.session.id, createdAt: e.session.createdAt, updatedAt: e.session.lastActiveAt}, e.policy, t);

  return {
    async contextOf(headers) {
      const key = keyOf(headers);
      if (!key || !listening) return (await resolve(headers))?.ctx;
      const t = now();
      const hit = entries.get(key);
      if (hit && usable(hit, t)) {
        if (t >= hit.refreshAt && !pending.has(key)) {
          // Served as it is; replaced in the background. A failed refresh drops it, so the next request resolves and sees why.
          resolveAndKeep(key, headers).catch(() => {
            if (entries.get(key) === hit) entries.delete(key);
          });
        }
        return hit.ctx;
      }
      entries.delete(key);
      return (await resolveAndKeep(key, headers))?.ctx;
    },
    forget,
    size: () => entries.size,
    async stop() {
      listening = false;
      entries.clear();
      pending.clear();
      await listener.unlisten();
    },
  };
}

/** What identifies the session of a request: its bearer token and its cookies (better-auth reads either). */
function keyOf(headers: Headers): string | undefined {
  const authorization = headers.get('authorization');
  const cookie = headers.get('cookie');
  if (!authorization && !cookie) return undefined;
  return `${authorization ?? ''}\n${cookie ?? ''}`;
}
