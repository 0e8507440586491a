import '../support/websocket.ts';
import {zeroClient, type TandemZero} from '../../test/support/zero-client.ts';
import type {Session} from '../../test/support/sign-in.ts';
import {mutators} from '../../mutators/index.ts';
import {HEARTBEAT_MS} from '../../mutators/presence/presence.ts';

export type {TandemZero};

/** Every Zero client a scenario opens, so that it can close them all at the end. */
export function clientSet(zeroUrl: string) {
  const open: {close: () => Promise<void>}[] = [];
  return {
    /** A Tandem client (of zero-cache, or of whatever relays it at `url`). */
    tandem(session: Session, url = zeroUrl): TandemZero {
      const z = zeroClient(url, session);
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
 * What the walker page does while open (client/features/walker/usePresence.ts):
 * a presence heartbeat every HEARTBEAT_MS. Phases are spread at random, as
 * real tabs open at different moments. Returns a stop function.
 */
export function heartbeats(entries: {zero: TandemZero; walkId: string}[]): () => void {
  // BENCH_PRESENCE=off measures what presence costs (README: what was changed).
  if (process.env.BENCH_PRESENCE === 'off') return () => {};
  const timers: NodeJS.Timeout[] = [];
  for (const {zero, walkId} of entries) {
    const beat = () => void zero.mutate(mutators.presence.heartbeat({walkId})).server.catch(() => {});
    beat();
    timers.push(
      setTimeout(() => {
        beat();
        timers.push(setInterval(beat, HEARTBEAT_MS));
      }, Math.random() * HEARTBEAT_MS),
    );
  }
  return () => timers.forEach(t => clearTimeout(t));
}
