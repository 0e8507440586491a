import type {Sql} from '../db/connect.ts';
import type {EmailTransport} from '../notify/email-transport.ts';

/** The reset page's address for a token, absolute from the configured public origin. */
export function resetPasswordUrl(publicUrl: string, token: string): string {
  const url = new URL('/reset-password', publicUrl);
  url.searchParams.set('token', token);
  return url.toString();
}

/** How long a reset link works (better-auth's resetPasswordTokenExpiresIn, server/auth/auth.ts). */
export const RESET_LINK_SECONDS = 60 * 60;
/** A claimed mail whose sender stopped (crash mid-send) is sent again after this long. */
const CLAIM_MS = 5 * 60 * 1000;
/** The pause before sending again after the transport failed: 15 s, doubling, at most 5 minutes. */
const retryAfterMs = (attempts: number) => Math.min(15_000 * 2 ** Math.max(0, attempts - 1), 5 * 60 * 1000);

/**
 * better-auth's `sendResetPassword`: queues the mail (migration 00025) and
 * wakes the dispatcher, which sends it after this commit
 * (`sendQueuedResetMails`). Deactivated members get nothing (they could not
 * sign in with a new password anyway). The asker's answer never waits for
 * the transport: it must not tell whether an address has an account.
 */
export function passwordResetMailer(sql: Sql, isActiveMember: (userId: string) => Promise<boolean>, queued: () => void) {
  return async (user: {id: string}, token: string): Promise<void> => {
    if (!(await isActiveMember(user.id))) return;
    const now = Date.now();
    await sql`insert into tandem_internal.password_reset_mail (id, member_id, token, status, created_at, expires_at, next_attempt_at)
      values (${crypto.randomUUID()}, ${user.id}, ${token}, 'queued', ${now}, ${now + RESET_LINK_SECONDS * 1000}, ${now})`;
    queued();
  };
}

type Claimed = {id: string; token: string; attempts: number; expires_at: number; email: string; name: string; active: boolean};

/**
 * Sends the queued reset mails that are due, a batch at a time (the
 * dispatcher's drain, server/notify/dispatcher.ts). Each batch is claimed
 * with one conditional UPDATE, so two servers never send the same mail. A
 * failing transport leaves the mail queued for another try, until its link
 * expires; a sent or given-up mail forgets its token. Answers how many it
 * handled.
 */
export async function sendQueuedResetMails(sql: Sql, email: EmailTransport, publicUrl: string, log: (line: string) => void): Promise<number> {
  const now = Date.now();
  const batch = await sql<Claimed[]>`
    with claimed as (
      update tandem_internal.password_reset_mail set next_attempt_at = ${now + CLAIM_MS}, attempts = attempts + 1
      where id in (
        select id from tandem_internal.password_reset_mail
        where status = 'queued' and next_attempt_at <= ${now}
        order by next_attempt_at limit 20 for update skip locked
      )
      returning id, member_id, token, attempts, expires_at
    )
    select c.id, c.token, c.attempts, c.expires_at, m.email, m.name, m.active
    from claimed c join member m on m.id = c.member_id`;
  for (const mail of batch) {
    if (!mail.active || Date.now() >= mail.expires_at) {
      await sql`update tandem_internal.password_reset_mail set status = ${mail.active ? 'failed' : 'suppressed'}, token = null where id = ${mail.id}`;
      continue;
    }
    try {
      await email.send({
        to: mail.email,
        subject: '[Tandem] Reset your password',
        text:
          `Hello ${mail.name},\n\nSomeone (hopefully you) asked to reset your Tandem password. Choose a new one here:\n` +
          `${resetPasswordUrl(publicUrl, mail.token)}\n\nThe link works once, for one hour. Resetting signs you out on every device.\n` +
          `If you did not ask for this, ignore this email: your password stays as it is.`,
      });
      await sql`update tandem_internal.password_reset_mail set status = 'sent', token = null, error = null, sent_at = ${Date.now()} where id = ${mail.id}`;
    } catch (e) {
      const error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      const next = Date.now() + retryAfterMs(mail.attempts);
      const givenUp = next >= mail.expires_at;
      log(`password reset email to ${mail.email} failed${givenUp ? '' : ', will be sent again'}: ${error}`);
      await sql`update tandem_internal.password_reset_mail set error = ${error}, next_attempt_at = ${next},
        status = ${givenUp ? 'failed' : 'queued'}, token = ${givenUp ? null : mail.token} where id = ${mail.id}`;
    }
  }
  return batch.length;
}
