import type {Sql} from '../db/connect.ts';

/**
 * How long a change id is remembered. An outbox resends a change within
 * minutes to days of making it; a month covers the longest offline spell
 * anyone keeps a browser for (Zero's own store is collected sooner).
 */
export const LEDGER_KEEP_MS = 30 * 24 * 60 * 60 * 1000;

/** Forgets change ids older than the keep window; one DELETE, safe to run anywhere, any number of times. */
export async function pruneChangeLedger(sql: Sql, now = Date.now()): Promise<number> {
  const result = await sql`delete from tandem_internal.change_ledger where applied_at < ${now - LEDGER_KEEP_MS}`;
  return result.count;
}
