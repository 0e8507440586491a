import type {ServerTransaction} from '@rocicorp/zero';
import {PRESENCE_TTL_MS} from '../../mutators/presence/presence.ts';
import type {Sql} from '../db/connect.ts';

/** Notes a viewer's heartbeat in unsynced.presence_beat (no client ever receives it). */
export async function recordPresenceBeat(tx: ServerTransaction, presenceId: string, now = Date.now()): Promise<void> {
  await tx.dbTransaction.query(
    `insert into unsynced.presence_beat (id, last_seen) values ($1, $2)
     on conflict (id) do update set last_seen = greatest(unsynced.presence_beat.last_seen, excluded.last_seen)`,
    [presenceId, now],
  );
}

/**
 * Removes viewers whose heartbeat stopped (closed tab, lost connection,
 * crashed browser): neither their row nor their latest recorded beat is recent.
 */
export async function sweepPresence(sql: Sql, now = Date.now()): Promise<number> {
  const cutoff = now - PRESENCE_TTL_MS;
  const gone = await sql`
    delete from walk_presence p
    where p.last_seen < ${cutoff}
      and not exists (select 1 from unsynced.presence_beat b where b.id = p.id and b.last_seen >= ${cutoff})`;
  await sql`delete from unsynced.presence_beat where last_seen < ${cutoff}`;
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
