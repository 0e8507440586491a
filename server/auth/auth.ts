import {betterAuth} from 'better-auth';
import {bearer} from 'better-auth/plugins/bearer';
import {PostgresJSDialect} from 'kysely-postgres-js';
import type {Sql} from '../db/connect.ts';
import {RESET_LINK_SECONDS} from './password-reset-mail.ts';

type AuthOptions = {
  /** A pool whose search_path is the `auth` schema (see migrations/00001_auth). */
  authSql: Sql;
  secret: string;
  publicUrl: string;
  trustedOrigins: string[];
  /** Deactivated members get no new session (docs/tenancy.md). */
  isActiveMember: (userId: string) => Promise<boolean>;
  /** Queues a password reset link (server/auth/password-reset-mail.ts). */
  sendResetPassword: (user: {id: string; email: string; name: string}, token: string) => Promise<void>;
  /** After a password was reset (every session of the person has ended). */
  onPasswordReset: (userId: string) => Promise<void>;
  /**
   * After better-auth ended one of a person's sessions and its transaction
   * committed (sign-out, revoke-session(s), change-password that signs out
   * the other devices, a password reset).
   */
  onSessionEnded: (userId: string) => void;
};

/**
 * better-auth: email + password, sessions in Postgres, the session either as
 * its HttpOnly cookie (browsers) or `Authorization: Bearer <session token>`
 * (Node clients, via the bearer plugin).
 */
export function createAuth(options: AuthOptions) {
  return betterAuth({
    appName: 'Tandem',
    basePath: '/api/auth',
    baseURL: options.publicUrl,
    secret: options.secret,
    trustedOrigins: options.trustedOrigins,
    database: {dialect: new PostgresJSDialect({postgres: options.authSql}), type: 'postgres'},
    emailAndPassword: {
      enabled: true,
      // People join through invites (owner-issued), never by open sign-up.
      disableSignUp: true,
      minPasswordLength: 8,
      // "Forgot password?": better-auth's request-password-reset and
      // reset-password endpoints; the link is queued for Tandem's email
      // transport (sent after commit, again if the transport fails) and works
      // once, for an hour. A reset ends every session.
      sendResetPassword: async ({user, token}) => options.sendResetPassword(user, token),
      resetPasswordTokenExpiresIn: RESET_LINK_SECONDS,
      revokeSessionsOnPasswordReset: true,
      onPasswordReset: async ({user}) => options.onPasswordReset(user.id),
    },
    session: {
      // Each account's idle and absolute limits (owner-set, at most 30 days
      // idle and 90 days absolute) are enforced on every request by
      // session-policy.ts, which also records activity. better-auth's own
      // expiry is only the outer bound, and its sliding refresh is off: it
      // would reset the activity time a day later whether or not anyone was
      // active, and so defeat the idle limit.
      expiresIn: 60 * 60 * 24 * 90,
      disableSessionRefresh: true,
    },
    advanced: {
      // Secure (and the __Secure- name prefix) whenever the app is served over
      // HTTPS; plain http (local use) cannot carry Secure cookies.
      useSecureCookies: new URL(options.publicUrl).protocol === 'https:',
      defaultCookieAttributes: {sameSite: 'lax', httpOnly: true},
    },
    telemetry: {enabled: false},
    databaseHooks: {
      session: {
        create: {
          before: async session => {
            if (!(await options.isActiveMember(session.userId))) return false;
          },
        },
        // better-auth runs this once the delete has committed.
        delete: {after: async session => options.onSessionEnded(session.userId)},
      },
    },
    plugins: [bearer()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
