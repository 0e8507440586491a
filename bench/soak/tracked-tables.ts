import type {Sql} from '../../server/db/connect.ts';
import type {TablePolicy} from './growth.ts';

/**
 * The tables that could grow without end while an account works, and how
 * each is kept bounded (docs/write-path.md §5). A `kept` table is pruned on a
 * schedule longer than a soak, so the soak reports its growth and checks the
 * schedule is named; a `flat` one must stop growing within the run.
 */
export const TRACKED_TABLES: Record<string, TablePolicy> = {
  'tandem_internal.change_ledger': {kind: 'kept', pruning: 'pruned daily (server/jobs/prune-change-ledger.ts)', keep: '30 days'},
  'unsynced.presence_beat': {kind: 'flat', pruning: 'swept every second, beats older than the presence TTL (server/presence/presence-beats.ts)'},
  walk_presence: {kind: 'flat', pruning: 'swept every second, viewers gone past the presence TTL (server/presence/presence-beats.ts)'},
  'auth.sign_in_attempt': {kind: 'flat', pruning: 'on every attempt and every 15 min, rows older than the limit window (server/jobs/prune-sign-in-attempts.ts)'},
  'auth.session': {kind: 'flat', pruning: 'hourly, sessions past their expiry or the account policy (server/jobs/prune-ended-sessions.ts)'},
  notification_delivery: {kind: 'kept', pruning: 'finished rows pruned daily (server/jobs/prune-delivered-notifications.ts)', keep: '30 days'},
  'tandem_internal.password_reset_mail': {kind: 'kept', pruning: 'pruned daily (server/jobs/prune-reset-mails.ts)', keep: '7 days past the link expiry'},
};

/**
 * zero-cache's own client view records, live part. Within a live client
 * group, a query a page let go stays desired for its TTL (Zero's default,
 * 5 min) and is then dropped with its rows: the account floor's walks change
 * every few seconds, so the live rows settle only after the TTL (and the
 * warm-up around it); judged from 10 min under load on.
 */
export const CVR_POLICY: TablePolicy = {
  kind: 'flat',
  pruning: 'zero-cache: queries let go are dropped after their TTL (5 min), with their rows',
  settlesAfterS: 600,
};

/**
 * What Zero keeps of a dropped query and its rows: a tombstone (`deleted`, or
 * a row with no query left), so that a client of the group that catches up
 * later still hears of the delete. zero-cache removes them only with the
 * whole client group, when its CVR purger finds the group inactive for 48 h
 * (a browser profile's group stays active as long as it connects daily).
 * Measured and reported, not judged flat: see the README's soak section.
 */
export const CVR_TOMBSTONE_POLICY: TablePolicy = {
  kind: 'kept',
  pruning: "removed with the whole client group by zero-cache's CVR purger",
  keep: 'while the client group is active, and 48 h after',
};

/** Which rows of a CVR table are tombstones (tables without any: undefined). */
const TOMBSTONES: Record<string, string> = {queries: 'deleted', desires: 'deleted', rows: '"refCounts" is null'};

/** A CVR table's live rows and, where it keeps them, its tombstones. */
export async function cvrCounts(sql: Sql, table: string): Promise<{live: number; tombstones?: number}> {
  const tombstone = TOMBSTONES[table.split('.').at(-1)!.replaceAll('"', '')];
  if (!tombstone) return {live: await rowCount(sql, table)};
  const [{live, dead}] = await sql.unsafe<{live: number; dead: number}[]>(
    `select (count(*) filter (where not coalesce(${tombstone}, false)))::int as live, (count(*) filter (where coalesce(${tombstone}, false)))::int as dead from ${table}`,
  );
  return {live, tombstones: dead};
}

/** zero-cache's CVR tables, in schemas named `<app>_<shard>/cvr`. */
export async function cvrTables(sql: Sql): Promise<string[]> {
  const rows = await sql<{s: string; t: string}[]>`
    select table_schema as s, table_name as t from information_schema.tables
    where table_schema like '%/cvr' and table_type = 'BASE TABLE' order by 1, 2`;
  return rows.map(r => `"${r.s}"."${r.t}"`);
}

export async function rowCount(sql: Sql, table: string): Promise<number> {
  const quoted = table.startsWith('"')
    ? table
    : table
        .split('.')
        .map(p => `"${p}"`)
        .join('.');
  const [{n}] = await sql.unsafe<{n: number}[]>(`select count(*)::int as n from ${quoted}`);
  return n;
}
