import type {Row, Transaction} from '@rocicorp/zero';
import {zql, type Schema, type TandemContext} from '../schema/index.ts';
import {fail} from './errors.ts';

const lookups = {
  ticket: (id: string) => zql.ticket.where('id', id).one(),
  walk: (id: string) => zql.walk.where('id', id).one(),
  flow: (id: string) => zql.flow.where('id', id).one(),
  flow_proposal: (id: string) => zql.flow_proposal.where('id', id).one(),
  member: (id: string) => zql.member.where('id', id).one(),
};
type TenantTable = keyof typeof lookups;
type TenantRow<T extends TenantTable> = Row<Schema['tables'][T]> & {id: string; account_id: string};

async function find<T extends TenantTable>(tx: Transaction, table: T, id: string) {
  // One lookup per table; the cast only joins their row types back up.
  return (await tx.run(lookups[table](id) as ReturnType<(typeof lookups)['ticket']>)) as unknown as
    | TenantRow<T>
    | undefined;
}

/**
 * Loads a row the caller's account owns. Another account's row answers
 * exactly like a missing one (`not_found`): no existence leak.
 *
 * On the client the local store may simply not have synced the row yet, so a
 * miss there returns undefined and the server (which sees everything) decides.
 */
export async function loadOwned<T extends TenantTable>(
  tx: Transaction,
  ctx: TandemContext,
  table: T,
  id: string,
  label: string,
): Promise<TenantRow<T> | undefined> {
  const row = await find(tx, table, id);
  if (!row || row.account_id !== ctx.accountId) {
    if (!row && tx.location === 'client') return undefined;
    fail('not_found', `${label} not found.`);
  }
  return row;
}

/** Like loadOwned, but the row must be there on either side. */
export async function mustLoadOwned<T extends TenantTable>(
  tx: Transaction,
  ctx: TandemContext,
  table: T,
  id: string,
  label: string,
): Promise<TenantRow<T>> {
  const row = await loadOwned(tx, ctx, table, id, label);
  if (!row) fail('not_found', `${label} not found.`);
  return row;
}

/**
 * A client-chosen id for a new row. A replay by the same account answers as
 * already done (returns true); a row of another account holding the id is
 * refused with the same answer whoever owns it.
 */
export async function isReplayOfOwnRow(
  tx: Transaction,
  ctx: TandemContext,
  table: 'ticket' | 'walk',
  id: string,
  field: string,
): Promise<boolean> {
  const row = await find(tx, table, id);
  if (!row) return false;
  if (row.account_id === ctx.accountId) return true;
  fail('invalid_input', `${field} is already in use.`, {field});
}
