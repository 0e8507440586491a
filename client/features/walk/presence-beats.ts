import {HEARTBEAT_MS} from '../../../mutators/presence/presence.ts';

/** What a beat over HTTP answered: recorded (the row is there and right), or no answer / refused. */
export type BeatOutcome = 'recorded' | 'failed';

/** The part of a Zero client presence needs (the browser's or a Node client's): whether it is connected. */
export type PresenceZero = {
  connection: {state: {current: {name: string}; subscribe: (listener: (state: {name: string}) => void) => () => void}};
};

/**
 * "I'm looking at this walk" every HEARTBEAT_MS while connected, each beat
 * a POST /api/presence/beat (`sendBeat`). The server writes the synced
 * presence row every viewer sees when the page has none (first beat, swept
 * after a lost connection) or its mode changed (a take-over), and otherwise
 * only notes the beat off the synced tables. The beats of all open pages are
 * recorded together there, so a hundred pages opening at once reach
 * zero-cache as a few changes, not as a hundred Zero pushes, each of which
 * every open page's client group would have to read (bench/README.md,
 * eighth pass). Presence is live or nothing: no beats while offline, and a
 * beat at once on reconnecting. Returns a stop function, which answers once
 * no beat is in flight any more: a leave sent after it cannot be overtaken by
 * a beat that would write the row again (the server writes missing rows).
 */
export function startPresenceBeats(
  zero: PresenceZero,
  walkId: string,
  sendBeat: (walkId: string) => Promise<BeatOutcome>,
  {intervalMs = HEARTBEAT_MS, firstDelayMs = 0}: {intervalMs?: number; firstDelayMs?: number} = {},
): () => Promise<void> {
  let stopped = false;
  let started = false;
  let inFlight: Promise<unknown> | undefined;
  const beat = async () => {
    if (stopped || inFlight || zero.connection.state.current.name !== 'connected') return;
    // One beat at a time: a slow answer is not overtaken by the next tick.
    // 'failed' (API restarting, network blip): the next beat tries again; the
    // row survives a few missed beats (PRESENCE_TTL_MS).
    inFlight = sendBeat(walkId).catch((): BeatOutcome => 'failed');
    await inFlight;
    inFlight = undefined;
  };
  // Back online: say so at once rather than at the next tick (the row may have been swept meanwhile).
  let wasConnected = zero.connection.state.current.name === 'connected';
  const unsubscribe = zero.connection.state.subscribe(state => {
    const connected = state.name === 'connected';
    if (connected && !wasConnected && started) void beat();
    wasConnected = connected;
  });
  let interval: ReturnType<typeof setInterval> | undefined;
  const first = setTimeout(() => {
    started = true;
    void beat();
    interval = setInterval(() => void beat(), intervalMs);
  }, firstDelayMs);
  return () => {
    stopped = true;
    unsubscribe();
    clearTimeout(first);
    if (interval) clearInterval(interval);
    return inFlight ? inFlight.then(() => undefined) : Promise.resolve();
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
  return res.status === 204 ? 'recorded' : 'failed';
}
