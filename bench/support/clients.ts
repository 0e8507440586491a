import '../support/websocket.ts';
import {zeroClient, type TandemZero} from '../../test/support/zero-client.ts';
import type {Session} from '../../test/support/sign-in.ts';
import {HEARTBEAT_MS} from '../../mutators/presence/presence.ts';
import {startPresenceBeats, type BeatOutcome} from '../../client/features/walk/presence-beats.ts';

export type {TandemZero};

/** Every Zero client a scenario opens, so that it can close them all at the end. */
/** The session each bench client signed in with (its presence beats need the token). */
const sessionOf = new WeakMap<TandemZero, Session>();

export function clientSet(zeroUrl: string) {
  const open: {close: () => Promise<void>}[] = [];
  return {
    /**
     * A Tandem client (of zero-cache, or of whatever relays it at `url`).
     * With several view syncers (--view-syncers) each goes to the syncer
     * /api/session placed its person on, as a browser does.
     */
    tandem(session: Session, url = process.env.BENCH_VIEW_SYNCERS ? session.zeroUrl : zeroUrl): TandemZero {
      const z = zeroClient(url, session);
      sessionOf.set(z, session);
      open.push(z);
      return z;
    },
    track<T extends {close: () => Promise<void>}>(z: T): T {
      open.push(z);
      return z;
    },
    count: () => open.length,
    async closeAll() {
      await Promise.all(open.splice(0).map(z => z.close().catch(() => {})));
    },
  };
}

/** What the presence beats of the open pages were answered: recorded (the row is there and right), or failed. */
export type BeatCounts = {recorded: number; failed: number};

/** Every beat of every page the benchmark has opened, since the process started (a scenario reads the difference). */
export const beatCounts: BeatCounts = {recorded: 0, failed: 0};

/** What `beatCounts` gained since `before` was copied from it. */
export function beatsSince(before: BeatCounts): BeatCounts {
  return {
    recorded: beatCounts.recorded - before.recorded,
    failed: beatCounts.failed - before.failed,
  };
}

/**
 * What the walker page does while open (client/features/walk/usePresence.ts,
 * the same module): a presence beat, POST /api/presence/beat with the
 * session token, every HEARTBEAT_MS. Phases are spread at
 * random, as real tabs open at different moments. Returns a stop function.
 * Every beat is counted in `beatCounts`.
 */
export function heartbeats(appUrl: string, entries: {zero: TandemZero; walkId: string}[]): () => void {
  // BENCH_PRESENCE=off measures what presence costs (README: what was changed).
  if (process.env.BENCH_PRESENCE === 'off') return () => {};
  const stops = entries.map(({zero, walkId}) => {
    const token = sessionOf.get(zero)?.token;
    const sendBeat = async (id: string): Promise<BeatOutcome> => {
      const res = await fetch(`${appUrl}/api/presence/beat`, {
        method: 'POST',
        headers: {'content-type': 'application/json', authorization: `Bearer ${token}`},
        body: JSON.stringify({walkId: id}),
      });
      const outcome = res.status === 204 ? 'recorded' : 'failed';
      beatCounts[outcome]++;
      return outcome;
    };
    return startPresenceBeats(zero, walkId, sendBeat, {firstDelayMs: Math.random() * HEARTBEAT_MS});
  });
  return () => stops.forEach(stop => stop());
}
