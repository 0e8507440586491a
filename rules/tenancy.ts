import type {Row, Transaction} from '@rocicorp/zero';
import {zql, type Schema, type TandemContext} from '../schema/index.ts';
import {fail} from './errors.ts';

/** The tables whose rows belong to one account (each has `account_id`), by their Zero names. */
const TENANT_TABLES = [
  'member',
  'flow',
  'flow_proposal',
  'ticket',
  'customer',
  'customer_contact',
  'walk',
  'walk_step',
  'handoff',
  'invite',
  'handoff_read',
  'task_lane_item',
  'walk_presence',
  'generated_text',
] as const satisfies readonly (keyof Schema['tables'])[];
type TenantTable = (typeof TENANT_TABLES)[number];
type TenantRow<T extends TenantTable> = Row<Schema['tables'][T]> & {id: string; account_id: string};

async function find<T extends TenantTable>(tx: Transaction, table: T, id: string): Promise<TenantRow<T> | undefined> {
  // One lookup shape for every table; the cast only joins their row types back up.
  const query = (zql[table] as unknown as typeof zql.ticket).where('id', id).one();
  return (await tx.run(query)) as unknown as TenantRow<T> | undefined;
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
  /** The refusal's sentence, when `${label} not found.` is not the right one. */
  notFound = `${label} not found.`,
): Promise<TenantRow<T> | undefined> {
  const row = await find(tx, table, id);
  if (!row || row.account_id !== ctx.accountId) {
    if (!row && tx.location === 'client') return undefined;
    fail('not_found', notFound);
  }
  return row;
}

/** Like loadOwned, but the row must be there on either side. */
export async function mustLoadOwned<T extends TenantTable>(tx: Transaction, ctx: TandemContext, table: T, id: string, label: string): Promise<TenantRow<T>> {
  const row = await loadOwned(tx, ctx, table, id, label);
  if (!row) fail('not_found', `${label} not found.`);
  return row;
}

/**
 * A client-chosen id for a new row. A replay by the same account answers as
 * already done (returns true); a row of another account holding the id is
 * refused with the same answer whoever owns it.
 */
export async function isReplayOfOwnRow(tx: Transaction, ctx: TandemContext, table: 'ticket' | 'walk', id: string, field: string): Promise<boolean> {
  const row = await find(tx, table, id);
  if (!row) return false;
  if (row.account_id === ctx.accountId) return true;
  fail('invalid_input', `${field} is already in use.`, {field});
}
