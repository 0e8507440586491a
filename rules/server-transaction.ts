import type {ServerTransaction, Transaction} from '@rocicorp/zero';

/**
 * The server side of a transaction (its Postgres connection), for code that
 * only ever runs there. Refuses a client transaction instead of casting it:
 * a client reaching server-only code is a bug, not a refusal to report.
 */
export function asServerTransaction(tx: Transaction): ServerTransaction {
  if (tx.location !== 'server') throw new Error('This runs only in a server transaction.');
  return tx as ServerTransaction;
}
