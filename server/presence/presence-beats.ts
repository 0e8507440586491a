import type {ServerTransaction} from '@rocicorp/zero';
import {PRESENCE_TTL_MS, presenceId} from '../../mutators/presence/presence.ts';
import type {TandemContext} from '../../schema/index.ts';
import type {Sql} from '../db/connect.ts';

// Presence off the synced tables: every beat lands in unsynced.presence_beat
// (no client ever receives it), and the sweep keeps a viewer while either
// their row or their latest beat is recent.

/** A beat row, kept at the latest beat however beats arrive (the one upsert of both paths). */
const UPSERT_BEAT = (rows: string) => `insert into unsynced.presence_beat (id, last_seen) ${rows}
  on conflict (id) do update set last_seen = greatest(unsynced.presence_beat.last_seen, excluded.last_seen)`;

/** Notes a viewer's heartbeat (the `presence.heartbeat` mutator's server part). */
export async function recordPresenceBeat(tx: ServerTransaction, walkId: string, userId: string, now = Date.now()): Promise<void> {
  await tx.dbTransaction.query(UPSERT_BEAT('values ($1, $2)'), [presenceId(walkId, userId), now]);
}

/**
 * Notes a beat of POST /api/presence/beat, only if the caller's presence
 * row is there and right: theirs, in their account, with the mode the walk
 * gives them now (driving iff they are the driver), and they are an active
 * member. One statement; false when there was no such row.
 */
export async function recordBeatOfCurrentRow(sql: Sql, ctx: TandemContext, walkId: string, now = Date.now()): Promise<boolean> {
  const recorded = await sql.unsafe(
    UPSERT_BEAT(`select p.id, $2::float8 from walk_presence p join walk w on w.id = p.walk_id
        join member m on m.id = p.user_id and m.active
      where p.id = $1 and p.user_id = $3 and p.account_id = $4
        and w.account_id = $4
        and p.mode = case when w.driver_user_id = $3 then 'driving' else 'watching' end`) + ' returning id',
    [presenceId(walkId, ctx.userId), now, ctx.userId, ctx.accountId],
  );
  return recorded.length > 0;
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
