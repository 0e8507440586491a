import type {Sql} from '../db/connect.ts';

/**
 * Forgets failed sign-in attempts older than the sign-in limit's window
 * (server/auth/sign-in-limit.ts): the limiter already drops them when the
 * next attempt arrives; this also empties the table after a burst when no
 * further attempt comes. One DELETE, safe anywhere, any number of times.
 */
export async function pruneSignInAttempts(sql: Sql, windowMinutes: number): Promise<number> {
  const result = await sql`delete from auth.sign_in_attempt where at < now() - ${`${windowMinutes} minutes`}::interval`;
  return result.count;
}
