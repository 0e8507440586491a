import {signIn, type Session} from '../../test/support/sign-in.ts';
import {BENCH_PASSWORD, type BenchMember} from './bench-account.ts';

/**
 * Signs members in through better-auth's public endpoint (as any client
 * would), once each; several Zero clients of one person share the session,
 * like tabs of one browser.
 */
export function sessionPool(appUrl: string) {
  const sessions = new Map<string, Promise<Session>>();
  const get = (m: BenchMember) => {
    let s = sessions.get(m.id);
    if (!s) {
      s = signIn(appUrl, m.email, BENCH_PASSWORD);
      sessions.set(m.id, s);
    }
    return s;
  };
  return {
    get,
    /** Signs in many, a few at a time (each sign-in hashes a password on the server). */
    async all(members: BenchMember[], concurrency = 4): Promise<Session[]> {
      const out: Session[] = new Array(members.length);
      let next = 0;
      await Promise.all(
        Array.from({length: Math.min(concurrency, members.length)}, async () => {
          while (next < members.length) {
            const i = next++;
            out[i] = await get(members[i]);
          }
        }),
      );
      return out;
    },
  };
}
export type SessionPool = ReturnType<typeof sessionPool>;
