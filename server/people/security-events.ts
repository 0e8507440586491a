import type {Sql} from '../db/connect.ts';

/** What a person did to their own sign-in, as the audit log names it. */
export type SecurityAction = 'member.changePassword' | 'member.resetPassword' | 'member.signOutEverywhere';

/**
 * Records a change a person made to their own sign-in: one audit row (the
 * person is actor and subject, like the house's other people changes), and,
 * when it ended their sessions, the time on their member row. That row is
 * synced to their own open tabs and devices, which check their session as
 * soon as it changes (client/auth/useSessionsEnded.ts) instead of waiting for
 * zero-cache's next revalidation.
 */
export async function recordSecurityEvent(sql: Sql, userId: string, action: SecurityAction, {sessionsEndedAt}: {sessionsEndedAt?: number} = {}): Promise<void> {
  await sql.begin(async tx => {
    const [member] = await tx<{account_id: string}[]>`select account_id from member where id = ${userId}`;
    if (!member) return;
    await tx`insert into audit_log (id, account_id, actor_user_id, action, subject_type, subject_id, acting_as, details, at)
      values (${crypto.randomUUID()}, ${member.account_id}, ${userId}, ${action}, 'member', ${userId}, 'self',
        ${sessionsEndedAt ? sql.json({sessionsEnded: 'true'}) : null}, ${Date.now()})`;
    if (sessionsEndedAt) await tx`update member set sessions_ended_at = ${sessionsEndedAt} where id = ${userId}`;
  });
}
