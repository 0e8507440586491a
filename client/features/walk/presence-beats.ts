import {mutators} from '../../../mutators/index.ts';
import {HEARTBEAT_MS} from '../../../mutators/presence/presence.ts';

/** What a beat over HTTP answered: recorded, the synced row needs the mutator, or no answer. */
export type BeatOutcome = 'recorded' | 'changed' | 'failed';

/** The part of a Zero client presence needs (the browser's or a Node client's). */
export type PresenceZero = {
  connection: {state: {current: {name: string}; subscribe: (listener: (state: {name: string}) => void) => () => void}};
  mutate: (request: ReturnType<typeof mutators.presence.heartbeat>) => unknown;
};

/**
 * "I'm looking at this walk" every HEARTBEAT_MS while connected. The first
 * beat (and the first after a reconnect, or whenever the server says the row
 * changed) is the `presence.heartbeat` mutator, which writes the synced
 * presence row every viewer sees; every other beat goes to
 * POST /api/presence/beat (`sendBeat`), which only keeps that row alive and
 * sends nothing to anyone. Presence is live or nothing: no beats while
 * offline. Returns a stop function.
 */
export function startPresenceBeats(
  zero: PresenceZero,
  walkId: string,
  sendBeat: (walkId: string) => Promise<BeatOutcome>,
  {intervalMs = HEARTBEAT_MS, firstDelayMs = 0}: {intervalMs?: number; firstDelayMs?: number} = {},
): () => void {
  let needsMutator = true;
  let stopped = false;
  const viaMutator = () => {
    needsMutator = false;
    void Promise.resolve(zero.mutate(mutators.presence.heartbeat({walkId}))).catch(() => {});
  };
  const beat = async () => {
    if (stopped) return;
    if (zero.connection.state.current.name !== 'connected') {
      needsMutator = true;
      return;
    }
    if (needsMutator) return viaMutator();
    const outcome = await sendBeat(walkId).catch((): BeatOutcome => 'failed');
    if (stopped) return;
    if (outcome === 'changed') viaMutator();
    // 'failed' (API restarting, network blip): the next beat tries again; the
    // row survives a few missed beats (PRESENCE_TTL_MS).
  };
  // Back online: say so at once rather than at the next tick.
  const unsubscribe = zero.connection.state.subscribe(state => {
    if (state.name === 'connected' && needsMutator && !stopped) viaMutator();
  });
  let interval: ReturnType<typeof setInterval> | undefined;
  const first = setTimeout(() => {
    void beat();
    interval = setInterval(() => void beat(), intervalMs);
  }, firstDelayMs);
  return () => {
    stopped = true;
    unsubscribe();
    clearTimeout(first);
    if (interval) clearInterval(interval);
  };
}

/** The browser's beat: same-origin, the session cookie. */
export async function browserBeat(walkId: string): Promise<BeatOutcome> {
  const res = await fetch('/api/presence/beat', {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    credentials: 'same-origin',
    body: JSON.stringify({walkId}),
  });
  return res.status === 204 ? 'recorded' : res.status === 409 ? 'changed' : 'failed';
}
