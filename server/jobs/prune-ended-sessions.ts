import type {Sql} from '../db/connect.ts';

/**
 * Forgets sessions that are over: past better-auth's own expiry, or past the
 * account's session policy (idle or absolute, server/auth/session-policy.ts).
 * A session presented after it ended is deleted then; one never presented
 * again (a browser thrown away) would stay without this. One DELETE, safe
 * anywhere, any number of times.
 */
export async function pruneEndedSessions(sql: Sql): Promise<number> {
  const result = await sql`
    delete from auth.session s
    where s."expiresAt" < now()
      or exists (
        select 1 from member m join account a on a.id = m.account_id
        where m.id = s."userId"
          and (s."createdAt" < now() - make_interval(hours => a.session_absolute_hours)
            or s."updatedAt" < now() - make_interval(mins => a.session_idle_minutes)))`;
  return result.count;
}
