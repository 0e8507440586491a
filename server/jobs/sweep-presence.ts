import {PRESENCE_TTL_MS} from '../../mutators/presence/presence.ts';
import type {Sql} from '../db/connect.ts';

/** Removes viewers whose heartbeat stopped (closed tab, lost connection, crashed browser). */
export async function sweepPresence(sql: Sql, now = Date.now()): Promise<number> {
  const gone = await sql`delete from walk_presence where last_seen < ${now - PRESENCE_TTL_MS}`;
  return gone.count;
}

/** Sweeps every second; a conditional DELETE is safe on any number of servers. */
export function schedulePresenceSweep(sql: Sql, log: (line: string) => void): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    sweepPresence(sql)
      .catch(e => log(`presence sweep failed: ${e instanceof Error ? e.message : e}`))
      .finally(() => (busy = false));
  }, 1000);
  timer.unref();
  return () => clearInterval(timer);
}
