import type {Sql} from '../db/connect.ts';

/**
 * How long a password reset mail is kept after its link expired: a week,
 * for "did my reset mail leave?" questions. Its token is already gone once
 * sent or given up (server/auth/password-reset-mail.ts).
 */
export const RESET_MAIL_KEEP_MS = 7 * 24 * 60 * 60 * 1000;

/** Forgets reset mails whose link expired more than the keep window ago, whatever their status. One DELETE, safe anywhere. */
export async function pruneResetMails(sql: Sql, now = Date.now()): Promise<number> {
  const result = await sql`delete from tandem_internal.password_reset_mail where expires_at < ${now - RESET_MAIL_KEEP_MS}`;
  return result.count;
}
