import {throttledFor} from './throttled.ts';

/** The part of a Zero instance this needs (a browser's or a Node client's). */
export type ConnectableZero = {
  connection: {
    state: {current: {name: string; reason?: unknown}; subscribe: (listener: (state: {name: string; reason?: unknown}) => void) => () => void};
    connect: () => Promise<void>;
  };
};

/**
 * Zero stops reconnecting after what it treats as a fatal error — state
 * `error`, e.g. a push that zero-cache could not deliver because the API was
 * down or restarting — until the app calls `connection.connect()`. For
 * Tandem every such error is a part of the stack being restarted, so this
 * resumes the connection by itself with backoff (1 s, 2 s … 30 s, back to
 * 1 s once connected): nobody has to reload. Pending mutations stay queued
 * in the client meanwhile and are pushed, exactly once, when it reconnects.
 * `needs-auth` is left alone (the app returns to the sign-in page). In a
 * browser it also retries at once when the network comes back (`online`).
 * ("disconnected" needs nothing: Zero keeps retrying there by itself.)
 * Returns a function that stops watching.
 */
export function keepConnected(zero: ConnectableZero, backoff = {initialMs: 1000, maxMs: 30_000}): () => void {
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe = () => {};
  const retryNow = () => {
    clearTimeout(timer);
    timer = undefined;
    if (zero.connection.state.current.name === 'error') void zero.connection.connect().catch(() => {});
  };
  const browser = typeof window !== 'undefined' && typeof window.addEventListener === 'function';
  if (browser) window.addEventListener('online', retryNow);
  const stop = () => {
    unsubscribe();
    clearTimeout(timer);
    if (browser) window.removeEventListener('online', retryNow);
  };
  const onState = (state: {name: string; reason?: unknown}) => {
    if (state.name === 'closed') return stop();
    if (state.name === 'connected') attempt = 0;
    if (state.name !== 'error' || timer) return;
    // Held back for sending too much (429): try again when the server said, not sooner.
    const throttled = throttledFor(state);
    const delay = throttled ? throttled.seconds * 1000 : Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt++);
    timer = setTimeout(() => {
      timer = undefined;
      if (zero.connection.state.current.name === 'error') void zero.connection.connect().catch(() => {});
    }, delay);
  };
  unsubscribe = zero.connection.state.subscribe(onState);
  onState(zero.connection.state.current);
  return stop;
}
