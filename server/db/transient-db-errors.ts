import type {DbProvider} from '../zero/db-provider.ts';
import {RESERVE_TIMEOUT} from './reserve-deadline.ts';

/** postgres.js codes for a connection that went away or could not be made (and a reserve that waited too long). */
const CONNECTION_CODES = new Set([
  RESERVE_TIMEOUT,
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/** SQLSTATEs meaning "try again": shutdown or restart in progress, too many connections, serialization. */
const TRANSIENT_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);

/**
 * True when `error` (or an error it wraps) says the database was
 * unreachable or went away mid-transaction — e.g. while PostgreSQL restarts —
 * rather than anything about the change itself.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  return transientDatabaseCode(error) !== undefined;
}

/** The code that makes `error` an outage (ECONNREFUSED, 57P01 …), if it is one. */
export function transientDatabaseCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as {cause?: unknown}).cause, depth++) {
    const code = (e as {code?: unknown}).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || TRANSIENT_SQLSTATES.has(code) || code.startsWith('08'))) {
      return code;
    }
  }
  return undefined;
}

export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The database is unavailable; the mutation was not applied and will be pushed again.', {cause});
    this.name = 'DatabaseUnavailableError';
  }
}

type TransactionInput = {clientID: string; mutationID: number};

/**
 * A database provider for one push that never records a mutation as failed
 * because the database went away.
 *
 * Zero's push processor treats any error in a mutation's transaction as the
 * mutation's own: it retries once "without the mutator" and stores the error
 * as the mutation's result, and the client then rolls the change back. When
 * the error was PostgreSQL restarting, that would lose the change. Here that
 * retry is refused instead, so the push fails as a whole (PushFailed, reason
 * "database"), nothing is recorded, and the client pushes the mutation again
 * once it reconnects — where lastMutationID makes it land exactly once.
 *
 * Once `deadline` is aborted (the push was already answered "not applied",
 * server/zero/zero-deadline.ts), no further transaction starts, and one still
 * running is rolled back instead of committed, so that the answer holds.
 */
export function pushDbProvider(dbProvider: DbProvider, deadline?: AbortSignal): DbProvider {
  const unavailable = new Map<string, unknown>();
  const keyOf = (input: TransactionInput | undefined) => (input ? `${input.clientID}:${input.mutationID}` : '');
  const transaction = async (callback: (...args: unknown[]) => Promise<unknown>, input?: TransactionInput) => {
    const key = keyOf(input);
    if (deadline?.aborted) throw new DatabaseUnavailableError(deadline.reason);
    if (unavailable.has(key)) throw new DatabaseUnavailableError(unavailable.get(key));
    try {
      return await (dbProvider.transaction as (cb: unknown, input?: TransactionInput) => Promise<unknown>)(async (...args: unknown[]) => {
        const result = await callback(...args);
        if (deadline?.aborted) throw new DatabaseUnavailableError(deadline.reason);
        return result;
      }, input);
    } catch (error) {
      if (input && isTransientDatabaseError(error)) unavailable.set(key, error);
      throw error;
    }
  };
  return new Proxy(dbProvider, {
    get: (target, prop, receiver) => (prop === 'transaction' ? transaction : Reflect.get(target, prop, receiver)),
  });
}
