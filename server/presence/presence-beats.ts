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

/** One viewer's beat of POST /api/presence/beat. */
export type Beat = {walkId: string; ctx: TandemContext};

const beatColumns = (beats: Map<string, TandemContext>, walkIdOf: Map<string, string>) => {
  const ids = [...beats.keys()];
  return {
    ids,
    walkIds: ids.map(id => walkIdOf.get(id)!),
    userIds: ids.map(id => beats.get(id)!.userId),
    accountIds: ids.map(id => beats.get(id)!.accountId),
  };
};

/**
 * Notes beats of viewers whose presence row is already there and right:
 * theirs, in their account, with the mode the walk gives them now (driving
 * iff they are the driver), and they are an active member. Only the unlogged
 * beat table is written. Answers the presence ids it recorded.
 */
async function recordBeatsOfCurrentRows(sql: Sql, beats: Map<string, TandemContext>, walkIdOf: Map<string, string>, now: number): Promise<Set<string>> {
  const {ids, userIds, accountIds} = beatColumns(beats, walkIdOf);
  const recorded = await sql.unsafe<{id: string}[]>(
    UPSERT_BEAT(`select p.id, $4::float8
      from unnest($1::text[], $2::text[], $3::text[]) as b(id, user_id, account_id)
        join walk_presence p on p.id = b.id and p.user_id = b.user_id and p.account_id = b.account_id
        join walk w on w.id = p.walk_id and w.account_id = b.account_id
        join member m on m.id = p.user_id and m.active
      where p.mode = case when w.driver_user_id = b.user_id then 'driving' else 'watching' end`) + ' returning id',
    [ids, userIds, accountIds, now],
  );
  return new Set(recorded.map(r => r.id));
}

/**
 * Writes the synced presence row of viewers who have none or whose mode
 * changed (first beat of a page, swept after a lost connection, a
 * take-over): for walks of their own account, active members only. The
 * mode is the server's: driving iff they drive the walk. Answers the ids
 * written; a walk of another account answers exactly like a missing one.
 */
async function writePresenceRows(sql: Sql, beats: Map<string, TandemContext>, walkIdOf: Map<string, string>, now: number): Promise<Set<string>> {
  const {ids, walkIds, userIds, accountIds} = beatColumns(beats, walkIdOf);
  const written = await sql.unsafe<{id: string}[]>(
    `insert into walk_presence (id, account_id, walk_id, user_id, mode, last_seen)
     select b.id, w.account_id, w.id, b.user_id,
            case when w.driver_user_id = b.user_id then 'driving' else 'watching' end, $5::float8
       from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as b(id, walk_id, user_id, account_id)
         join walk w on w.id = b.walk_id and w.account_id = b.account_id
         join member m on m.id = b.user_id and m.account_id = b.account_id and m.active
     on conflict (id) do update set mode = excluded.mode, last_seen = excluded.last_seen
     returning id`,
    [ids, walkIds, userIds, accountIds, now],
  );
  return new Set(written.map(r => r.id));
}

/**
 * Records beats of POST /api/presence/beat, any number in two statements at
 * most: a viewer whose row is right only gets the beat noted off the synced
 * tables (nothing replicated, nothing sent to anyone); the rest get their
 * synced row written, all in one transaction, which zero-cache replicates as
 * one change for every open page to read instead of one push each
 * (bench/README.md, eighth pass). Answers the presence ids now right; a beat
 * not among them names no walk of the caller's account (or the caller is
 * no longer an active member).
 */
export async function recordBeats(sql: Sql, beats: readonly Beat[], now = Date.now()): Promise<Set<string>> {
  const byId = new Map(beats.map(b => [presenceId(b.walkId, b.ctx.userId), b.ctx] as const));
  if (byId.size === 0) return new Set();
  const walkIdOf = new Map(beats.map(b => [presenceId(b.walkId, b.ctx.userId), b.walkId] as const));
  const recorded = await recordBeatsOfCurrentRows(sql, byId, walkIdOf, now);
  const rest = new Map([...byId].filter(([id]) => !recorded.has(id)));
  if (rest.size === 0) return recorded;
  const written = await writePresenceRows(sql, rest, walkIdOf, now);
  return new Set([...recorded, ...written]);
}

/** How long the API gathers beats before it records them together (a new viewer shows up at most this much later). */
export const BEAT_BATCH_MS = 200;
const MAX_BATCH = 500;

/**
 * The beats of all open walker pages, recorded together (`recordBeats`):
 * each call waits until its batch is written and answers whether its row is
 * now right. At a busy account (150 open pages, ~50 beats a second) one or
 * two statements every BEAT_BATCH_MS instead of one per beat, and one
 * replicated change for all the pages opened meanwhile (bench/README.md,
 * issue #17).
 */
export function beatRecorder(sql: Sql, windowMs = BEAT_BATCH_MS) {
  let batch: {beat: Beat; settle: (recorded: boolean) => void; fail: (e: unknown) => void}[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    const taken = batch;
    batch = [];
    clearTimeout(timer);
    timer = undefined;
    recordBeats(
      sql,
      taken.map(t => t.beat),
    ).then(
      recorded => taken.forEach(t => t.settle(recorded.has(presenceId(t.beat.walkId, t.beat.ctx.userId)))),
      error => taken.forEach(t => t.fail(error)),
    );
  };
  return (beat: Beat): Promise<boolean> =>
    new Promise((settle, fail) => {
      batch.push({beat, settle, fail});
      if (batch.length >= MAX_BATCH) flush();
      else timer ??= setTimeout(flush, windowMs);
    });
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
