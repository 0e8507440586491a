import type {Sql} from '../../server/db/connect.ts';

/** Row count and a checksum of the full contents, per table. */
export type Fingerprint = Record<string, {rows: number; md5: string}>;

/**
 * A fingerprint of everything Tandem's users own: every table of the
 * `public` schema (all product data, the audit log included), plus the
 * logins in the `auth` schema.
 *
 * Left out, because they legitimately change when a refused request
 * arrives:
 * - `zero_0.clients`: Zero's last-mutation-id per client. A push consumes
 *   its mutation id even when the mutation is refused, so a retry of the
 *   same push is answered "already processed" instead of running twice.
 * - `zero_0.mutations`: the refusal results Zero keeps until the client has
 *   read them.
 * - the `zero` / `zero_0*` schemas generally: zero-cache's own replication
 *   bookkeeping.
 * - `auth.session` contents (only their number is kept): resolving a
 *   session records its last activity, for idle expiry.
 * - `auth.sign_in_attempt`, `auth.verification`: rate-limit and one-time-token
 *   bookkeeping.
 */
export async function dbFingerprint(sql: Sql): Promise<Fingerprint> {
  const tables = await sql<{name: string}[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  const out: Fingerprint = {};
  for (const {name} of tables) {
    const [row] = await sql<{rows: number; md5: string}[]>`
      select count(*)::int as rows, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as md5
      from ${sql('public')}.${sql(name)} t`;
    out[name] = row;
  }
  for (const name of ['user', 'account']) {
    const [row] = await sql<{rows: number; md5: string}[]>`
      select count(*)::int as rows, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as md5
      from auth.${sql(name)} t`;
    out[`auth.${name}`] = row;
  }
  const [sessions] = await sql<{rows: number}[]>`select count(*)::int as rows from auth.session`;
  out['auth.session (count)'] = {rows: sessions.rows, md5: ''};
  return out;
}

/** The tables whose contents differ between two fingerprints. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter(n => before[n]?.rows !== after[n]?.rows || before[n]?.md5 !== after[n]?.md5);
}
