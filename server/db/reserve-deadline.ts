import type postgres from 'postgres';

/** How long a request may wait for a reserved connection before it is refused as an outage. */
export const RESERVE_DEADLINE_MS = 5_000;

/** The code a refused reserve carries (server/db/transient-db-errors.ts counts it as an outage). */
export const RESERVE_TIMEOUT = 'RESERVE_TIMEOUT';

export class ReserveTimeoutError extends Error {
  readonly code = RESERVE_TIMEOUT;
  constructor(ms: number) {
    super(`No database connection within ${ms} ms (the database is down or the pool is stuck).`);
    this.name = 'ReserveTimeoutError';
  }
}

/**
 * Makes the pool's `reserve()` (what better-auth's Kysely dialect uses for
 * every query) settle within `ms`: refused with RESERVE_TIMEOUT when no
 * connection came, and a connection that comes later is given back at once.
 *
 * postgres.js 3.4 can drop a waiting `reserve()` for good when a connection
 * attempt fails while it waits (porsager/postgres#1195: the failed
 * connection takes the waiter from the queue as its first query, and on
 * reconnecting discards it). During a PostgreSQL outage that happened to
 * session look-ups: their requests never answered, even once the database
 * was back, and zero-cache — which sends a client group's pushes one at a
 * time and waits for each answer — stopped pushing that group's changes.
 */
export function withReserveDeadline(sql: postgres.Sql, ms = RESERVE_DEADLINE_MS): postgres.Sql {
  const reserve = sql.reserve.bind(sql);
  sql.reserve = () =>
    new Promise((resolve, reject) => {
      let refused = false;
      const timer = setTimeout(() => {
        refused = true;
        reject(new ReserveTimeoutError(ms));
      }, ms);
      reserve().then(
        reserved => {
          clearTimeout(timer);
          if (refused) reserved.release();
          else resolve(reserved);
        },
        error => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  return sql;
}
