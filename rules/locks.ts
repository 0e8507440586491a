import type {Transaction} from '@rocicorp/zero';
import {asServerTransaction} from './server-transaction.ts';

/** The rows whose changes take turns (row locks taken before they are read). */
type LockedTable = 'account' | 'walk' | 'handoff' | 'ticket';

/**
 * On the server, takes a row's lock (`select … for update`) so that
 * concurrent changes to it apply one after the other, each seeing the last
 * one's result: the walk for its changes, the handoff for its claims,
 * releases and resolves, the ticket for start/close/reopen, the account for
 * its seat checks. A client has nothing to lock.
 */
export async function lockRow(tx: Transaction, table: LockedTable, id: string): Promise<void> {
  if (tx.location !== 'server') return;
  await asServerTransaction(tx).dbTransaction.query(`select 1 from ${table} where id = $1 for update`, [id]);
}
