import {describe, expect, it} from 'vitest';
import {sessionContextCache, type SessionContextCache} from '../../server/auth/context-cache.ts';
import type {ResolvedSession} from '../../server/auth/context.ts';
import type {TestDatabase} from '../support/database.ts';
import {databaseSuite} from '../support/suites.ts';
import {demoContext} from '../support/server-mutate.ts';

/**
 * The API's reuse of resolved sessions (server/auth/context-cache.ts, issue
 * #17): repeated requests of one session cost one resolution, and every
 * change that ends a session or changes its member — made through any
 * connection, here by hand — makes the next request resolve afresh; what
 * the API changed itself it forgets at once (`forget`). (The
 * end-to-end rule, a revoked session's open tab stops within 5 s, is
 * test/integration/revocation.test.ts, run with the cache on.)
 */
describe('resolved sessions are reused until something about them changes', () => {
  let db: TestDatabase;
  databaseSuite(world => ({db} = world));
  const l1 = demoContext('l1@northwind.test');
  const senior = demoContext('senior@northwind.test');

  /** A real session row for a demo person, and a resolver that reads it (counting how often it is asked). */
  async function sessionOf(who: typeof l1) {
    const token = crypto.randomUUID();
    const id = crypto.randomUUID();
    await db.sql`insert into auth.session (id, "expiresAt", token, "userId") values (${id}, now() + interval '1 day', ${token}, ${who.userId})`;
    return {id, token, headers: new Headers({authorization: `Bearer ${token}`})};
  }
  let resolutions = 0;
  /** When set, a resolution waits for it after reading the database (to stage a race). */
  let hold: Promise<void> | undefined;
  /** When set, every resolution answers "no such session" (a session ended without an announcement reaching the cache). */
  let refuse = false;
  const resolve = async (headers: Headers): Promise<ResolvedSession | undefined> => {
    resolutions++;
    if (refuse) return undefined;
    const token = headers.get('authorization')?.replace('Bearer ', '') ?? '';
    const [row] = await db.sql<{id: string; user_id: string; created: number; updated: number; expires: number}[]>`
      select s.id, s."userId" as user_id, extract(epoch from s."createdAt") * 1000 as created,
             extract(epoch from s."updatedAt") * 1000 as updated, extract(epoch from s."expiresAt") * 1000 as expires
      from auth.session s join member m on m.id = s."userId" and m.active where s.token = ${token}`;
    await hold;
    if (!row) return undefined;
    const who = [l1, senior].find(p => p.userId === row.user_id)!;
    return {
      ctx: who,
      session: {id: row.id, createdAt: Number(row.created), lastActiveAt: Number(row.updated), expiresAt: Number(row.expires)},
      policy: {idleMinutes: 60, absoluteHours: 12},
    };
  };
  async function withCache(run: (cache: SessionContextCache) => Promise<void>, options = {}) {
    const cache = await sessionContextCache(db.sql, resolve, options);
    try {
      await run(cache);
    } finally {
      await cache.stop();
    }
  }
  /** Asks until the cache resolves afresh (the database's announcement arrives asynchronously). */
  const resolvesAgain = (cache: SessionContextCache, headers: Headers) =>
    expect
      .poll(async () => {
        const before = resolutions;
        await cache.contextOf(headers);
        return resolutions > before;
      })
      .toBe(true);

  /** A session of l1's and one of senior's, each resolved once already. */
  async function twoResolved(cache: SessionContextCache) {
    const mine = await sessionOf(l1);
    const theirs = await sessionOf(senior);
    await cache.contextOf(mine.headers);
    await cache.contextOf(theirs.headers);
    return {mine, theirs};
  }

  it('a session asked for again and again is resolved once', async () => {
    await withCache(async cache => {
      const s = await sessionOf(l1);
      const before = resolutions;
      for (let i = 0; i < 20; i++) expect(await cache.contextOf(s.headers)).toEqual(l1);
      expect(resolutions - before).toBe(1);
    });
  });

  it('deactivating the member, changing their role or ending their sessions everywhere forgets their sessions, nobody else’s', async () => {
    await withCache(async cache => {
      const {mine, theirs} = await twoResolved(cache);
      await db.sql`update member set sessions_ended_at = ${Date.now()} where id = ${l1.userId}`;
      await resolvesAgain(cache, mine.headers);
      const before = resolutions;
      await cache.contextOf(theirs.headers);
      expect(resolutions).toBe(before);

      await db.sql`update member set role = role where id = ${l1.userId}`;
      await resolvesAgain(cache, mine.headers);
      await db.sql`update member set active = false where id = ${l1.userId}`;
      await expect.poll(() => cache.contextOf(mine.headers)).toBeUndefined();
      await db.sql`update member set active = true where id = ${l1.userId}`;
    });
  });

  it('what this process changed itself is forgotten at once, without waiting for the announcement: that person, or everyone', async () => {
    await withCache(async cache => {
      const {mine, theirs} = await twoResolved(cache);
      let before = resolutions;
      cache.forget(l1.userId);
      await cache.contextOf(mine.headers);
      await cache.contextOf(theirs.headers);
      expect(resolutions).toBe(before + 1);
      before = resolutions;
      cache.forget('*');
      await cache.contextOf(mine.headers);
      await cache.contextOf(theirs.headers);
      expect(resolutions).toBe(before + 2);
    });
  });

  it('a signed-out (deleted) or re-dated session is resolved again; recording activity is not a change', async () => {
    await withCache(async cache => {
      const s = await sessionOf(l1);
      await cache.contextOf(s.headers);
      await db.sql`update auth.session set "updatedAt" = now() where id = ${s.id}`;
      await new Promise(r => setTimeout(r, 500));
      const before = resolutions;
      await cache.contextOf(s.headers);
      expect(resolutions).toBe(before);

      await db.sql`update auth.session set "createdAt" = now() - interval '100 days' where id = ${s.id}`;
      await resolvesAgain(cache, s.headers);
      await db.sql`delete from auth.session where id = ${s.id}`;
      await expect.poll(() => cache.contextOf(s.headers)).toBeUndefined();
    });
  });

  it("changing an account's session policy forgets every session", async () => {
    await withCache(async cache => {
      const s = await sessionOf(senior);
      await cache.contextOf(s.headers);
      await db.sql`update account set session_idle_minutes = session_idle_minutes where id = ${senior.accountId}`;
      await resolvesAgain(cache, s.headers);
    });
  });

  it('the account’s limits and better-auth’s expiry hold on every use; a kept session is resolved again after the maximum age', async () => {
    let clock = Date.now();
    await withCache(
      async cache => {
        const s = await sessionOf(l1);
        await cache.contextOf(s.headers);
        clock += 3_000; // before its refresh point (0.8 × 5 s with this jitter)
        let before = resolutions;
        await cache.contextOf(s.headers);
        expect(resolutions).toBe(before);
        clock += 2_000; // at the maximum age, unused since its refresh point: the request waits for a resolution
        await cache.contextOf(s.headers);
        expect(resolutions).toBe(before + 1);
        // An hour idle (the policy says 60 minutes) is not served from the cache, however fresh the entry.
        clock += 61 * 60_000;
        before = resolutions;
        await cache.contextOf(s.headers);
        expect(resolutions).toBe(before + 1);
      },
      {maxAgeMs: 5_000, now: () => clock, jitter: () => 1},
    );
  });

  const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
  /** What a request answered, or 'waited' when it did not answer within a second (it waited for a held resolution). */
  const answerOf = (cache: SessionContextCache, headers: Headers) => Promise.race([cache.contextOf(headers), sleep(1_000).then(() => 'waited' as const)]);

  it('in use past its refresh point, a session is served at once and resolved again in the background, once', async () => {
    let clock = Date.now();
    let release = () => {};
    const holdResolutions = () => (hold = new Promise(r => (release = r)));
    const letGo = () => {
      hold = undefined;
      release();
    };
    await withCache(
      async cache => {
        try {
          const s = await sessionOf(l1);
          await cache.contextOf(s.headers);
          clock += 3_000; // past the refresh point (0.5 × 5 s with this jitter), within the maximum age
          holdResolutions();
          const before = resolutions;
          expect(await answerOf(cache, s.headers)).toEqual(l1);
          expect(await answerOf(cache, s.headers)).toEqual(l1);
          expect(resolutions).toBe(before + 1);
          letGo();
          await sleep(100);
          // 7 s after the first resolution: past its maximum age, but the refreshed entry (3 s) is served without waiting.
          clock += 4_000;
          holdResolutions();
          expect(await answerOf(cache, s.headers)).toEqual(l1);
        } finally {
          letGo();
        }
      },
      {maxAgeMs: 5_000, now: () => clock, jitter: () => 0},
    );
  });

  it('a session its background refresh finds ended is dropped: the next request is refused', async () => {
    let clock = Date.now();
    await withCache(
      async cache => {
        const s = await sessionOf(l1);
        await cache.contextOf(s.headers);
        clock += 3_000;
        refuse = true;
        try {
          expect(await cache.contextOf(s.headers)).toEqual(l1); // served, no staler than a second ago
          await expect.poll(() => cache.size()).toBe(0);
          expect(await cache.contextOf(s.headers)).toBeUndefined();
        } finally {
          refuse = false;
        }
      },
      {maxAgeMs: 5_000, now: () => clock, jitter: () => 0},
    );
  });

  it('requests that find one session missing at the same moment share one resolution', async () => {
    await withCache(async cache => {
      const s = await sessionOf(l1);
      const before = resolutions;
      const answers = await Promise.all(Array.from({length: 6}, () => cache.contextOf(s.headers)));
      expect(answers).toEqual(Array(6).fill(l1));
      expect(resolutions - before).toBe(1);
    });
  });

  it('sessions kept at the same moment are refreshed at different moments, not in one burst', async () => {
    let clock = Date.now();
    let draw = 0;
    await withCache(
      async cache => {
        const sessions = await Promise.all(Array.from({length: 10}, (_, i) => sessionOf(i % 2 ? senior : l1)));
        for (const s of sessions) await cache.contextOf(s.headers);
        const start = clock;
        const perStep: number[] = [];
        // Every session used every 250 ms, from the start of the refresh window (0.5 × 10 s) to its end (0.8 × 10 s).
        for (clock = start + 5_000; clock <= start + 8_000; clock += 250) {
          const before = resolutions;
          for (const s of sessions) expect(await cache.contextOf(s.headers)).toBeDefined();
          await sleep(20);
          perStep.push(resolutions - before);
        }
        expect(perStep.reduce((a, b) => a + b, 0)).toBe(10);
        expect(Math.max(...perStep)).toBeLessThanOrEqual(2);
      },
      {maxAgeMs: 10_000, now: () => clock, jitter: () => (draw++ % 10) / 10},
    );
  });

  it('a resolution that read the database before an announcement about the same person is not kept', async () => {
    await withCache(async cache => {
      const s = await sessionOf(l1);
      let release = () => {};
      hold = new Promise(r => (release = r));
      const racing = cache.contextOf(s.headers);
      await expect.poll(() => resolutions > 0 && db.sql`select 1`.then(() => true)).toBe(true);
      await new Promise(r => setTimeout(r, 300)); // the resolution has read the session and member rows
      await db.sql`update member set sessions_ended_at = ${Date.now()} where id = ${l1.userId}`;
      await new Promise(r => setTimeout(r, 500)); // the announcement has arrived
      hold = undefined;
      release();
      expect(await racing).toEqual(l1);
      const before = resolutions;
      await cache.contextOf(s.headers);
      expect(resolutions).toBe(before + 1);
    });
  });

  it('signed-out requests are never kept', async () => {
    await withCache(async cache => {
      const headers = new Headers({authorization: 'Bearer no-such-session'});
      const before = resolutions;
      await cache.contextOf(headers);
      await cache.contextOf(headers);
      expect(resolutions - before).toBe(2);
      expect(cache.size()).toBe(0);
    });
  });
});
