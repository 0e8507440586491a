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

/**
 * What the walker page does while open (client/features/walk/usePresence.ts,
 * the same module): a presence beat every HEARTBEAT_MS — the mutator once,
 * then POST /api/presence/beat with the session token. Phases are spread at
 * random, as real tabs open at different moments. Returns a stop function.
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
      return res.status === 204 ? 'recorded' : res.status === 409 ? 'changed' : 'failed';
    };
    return startPresenceBeats(zero, walkId, sendBeat, {firstDelayMs: Math.random() * HEARTBEAT_MS});
  });
  return () => stops.forEach(stop => stop());
}
