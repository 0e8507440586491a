import type {Sql} from '../db/connect.ts';

/**
 * How long a finished notification delivery (sent, failed or suppressed) is
 * kept: a month, for "was I told?" questions. The person's bell reads
 * inbox_entry, not this queue, so pruning it removes nothing anyone sees.
 */
export const DELIVERY_KEEP_MS = 30 * 24 * 60 * 60 * 1000;

/** Forgets finished deliveries older than the keep window; queued ones always stay. One DELETE, safe anywhere. */
export async function pruneDeliveredNotifications(sql: Sql, now = Date.now()): Promise<number> {
  const result = await sql`delete from notification_delivery where status <> 'queued' and created_at < ${now - DELIVERY_KEEP_MS}`;
  return result.count;
}
