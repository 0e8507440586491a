import {Zero} from '@rocicorp/zero';
import WebSocket from 'ws';
import {keepConnected} from '../../client/zero/keep-connected.ts';
import {mutators} from '../../mutators/index.ts';
import {schema, type TandemContext} from '../../schema/index.ts';
import type {Session} from './sign-in.ts';

// Node has no WebSocket of its own on every version we run; Zero needs one.
if (!(globalThis as {WebSocket?: unknown}).WebSocket) {
  (globalThis as {WebSocket?: unknown}).WebSocket = WebSocket;
}

/**
 * A real Zero client in Node, exactly as docs/contract.md describes a non-browser
 * client: in-memory store, the session token as Zero's `auth`.
 */
export function zeroClient(zeroUrl: string, session: Session, options: {disconnectTimeoutMs?: number} = {}) {
  const zero = new Zero({
    // Zero's own setting (the app shortens it through localStorage['tandem.disconnectTimeoutMs']).
    ...(options.disconnectTimeoutMs ? {disconnectTimeoutMs: options.disconnectTimeoutMs} : {}),
    cacheURL: zeroUrl,
    userID: session.context.userId,
    auth: session.token,
    context: session.context as TandemContext | undefined,
    schema,
    mutators,
    kvStore: 'mem',
    logLevel: 'error',
    // Refusals are expected in tests; keep Zero's own logging quiet unless asked.
    ...(process.env.TANDEM_TEST_VERBOSE ? {} : {logSink: {log: () => {}}}),
  });
  // As the app does (client/zero/ZeroRoot.tsx): resume by itself after a fatal error.
  keepConnected(zero);
  return zero;
}
export type TandemZero = ReturnType<typeof zeroClient>;

/** Waits until `read()` returns something `accept` likes; fails after `ms`. */
export async function eventually<T>(read: () => Promise<T> | T, accept: (v: T) => boolean, ms = 15000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms; last value: ${JSON.stringify(last)}`);
    await new Promise(r => setTimeout(r, 50));
  }
}
