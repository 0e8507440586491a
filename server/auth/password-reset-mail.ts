import type {EmailTransport} from '../notify/email-transport.ts';

/** The reset page's address for a token, absolute from the configured public origin. */
export function resetPasswordUrl(publicUrl: string, token: string): string {
  const url = new URL('/reset-password', publicUrl);
  url.searchParams.set('token', token);
  return url.toString();
}

/**
 * better-auth's `sendResetPassword`: the link to Tandem's reset page, sent
 * through the email transport. Deactivated members get nothing (they could
 * not sign in with a new password anyway). A failing transport is logged,
 * never reported to the asker: the answer must not tell whether an address
 * has an account.
 */
export function passwordResetMailer(email: EmailTransport, publicUrl: string, isActiveMember: (userId: string) => Promise<boolean>, log: (line: string) => void) {
  return async (user: {id: string; email: string; name: string}, token: string): Promise<void> => {
    if (!(await isActiveMember(user.id))) return;
    try {
      await email.send({
        to: user.email,
        subject: '[Tandem] Reset your password',
        text:
          `Hello ${user.name},\n\nSomeone (hopefully you) asked to reset your Tandem password. Choose a new one here:\n` +
          `${resetPasswordUrl(publicUrl, token)}\n\nThe link works once, for one hour. Resetting signs you out on every device.\n` +
          `If you did not ask for this, ignore this email: your password stays as it is.`,
      });
    } catch (e) {
      log(`password reset email to ${user.email} failed: ${e instanceof Error ? e.message : e}`);
    }
  };
}
