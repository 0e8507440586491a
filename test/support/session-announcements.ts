import type {Sql} from '../../server/db/connect.ts';

/** The tables whose changes the database announces to the API's session cache (migration 00019). */
const ANNOUNCING_TABLES = ['auth.session', 'member', 'account'];

/**
 * Runs `run` while the database announces no session change (migration
 * 00019's triggers are off), so that what counts at once can only be the
 * API forgetting its own writes (server/auth/context-cache.ts): without
 * that, a session it resolved a moment ago would be served for seconds more.
 */
export async function withoutSessionAnnouncements<T>(sql: Sql, run: () => Promise<T>): Promise<T> {
  const toggle = async (how: 'disable' | 'enable') => {
    for (const table of ANNOUNCING_TABLES) await sql.unsafe(`alter table ${table} ${how} trigger session_context_changed`);
  };
  await toggle('disable');
  try {
    return await run();
  } finally {
    await toggle('enable');
  }
}
