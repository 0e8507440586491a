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

type Entry = ResolvedSession & {storedAt: number};

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
 * Until the listening connection is up nothing is kept. Signed-out
 * requests are never cached.
 */
export async function sessionContextCache(
  sql: Sql,
  resolve: (headers: Headers) => Promise<ResolvedSession | undefined>,
  options: {maxAgeMs?: number; now?: () => number} = {},
): Promise<SessionContextCache> {
  const maxAgeMs = options.maxAgeMs ?? SESSION_CONTEXT_MAX_AGE_MS;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let generation = 0;
  let listening = false;

  const forget = (who: string) => {
    generation++;
    if (who === '*') entries.clear();
    else for (const [key, e] of entries) if (e.ctx.userId === who) entries.delete(key);
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
      if (hit && usable(hit, t)) return hit.ctx;
      entries.delete(key);
      const before = generation;
      const resolved = await resolve(headers);
      if (resolved && before === generation) {
        entries.set(key, {...resolved, storedAt: t});
        if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      }
      return resolved?.ctx;
    },
    forget,
    size: () => entries.size,
    async stop() {
      listening = false;
      entries.clear();
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
