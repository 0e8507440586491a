import {describe, expect, it} from 'vitest';
import {DEMO_PASSWORD} from '../../server/seed/demo-people.ts';
import {linkIn, mailOutbox, waitForMail} from '../support/mail-outbox.ts';
import {signIn} from '../support/sign-in.ts';
import {eventually} from '../support/zero-client.ts';
import {existsSync, mkdirSync, renameSync, rmdirSync} from 'node:fs';
import path from 'node:path';
import {startTestStack, type TestStack} from '../support/stack.ts';
import {afterAll, beforeAll} from 'vitest';
import {withoutSessionAnnouncements} from '../support/session-announcements.ts';

/**
 * A person's own password and sessions against the real stack (issue #21):
 * "forgot password" by email (better-auth's reset flow, its mail queued and
 * sent through the email transport after commit, again if it fails), change password, sign out everywhere; each audited; the reset
 * request throttled like sign-in. Whatever ends a session here counts on
 * the very next request, with the API's session cache on and the database's
 * announcements off: the API forgets what it ended itself.
 */
describe('own password and sessions', () => {
  let stack: TestStack;
  beforeAll(async () => void (stack = await startTestStack()), 240_000);
  afterAll(async () => stack?.dispose(), 60_000);

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${stack.appUrl}/api/auth/${path}`, {
      method: 'POST',
      headers: {'content-type': 'application/json', origin: stack.appUrl, ...headers},
      body: JSON.stringify(body),
    });
  const sessionStatus = async (token: string) => (await fetch(`${stack.appUrl}/api/session`, {headers: {authorization: `Bearer ${token}`}})).status;
  const auditRows = (email: string, action: string) =>
    stack.sql`select a.subject_type, a.subject_id, a.actor_user_id, m.id as member_id, a.details from audit_log a
      join member m on m.id = a.actor_user_id where m.email = ${email} and a.action = ${action}`;

  it('forgot password: the link arrives through the email transport, sets a new password once, and ends every session', () =>
    withoutSessionAnnouncements(stack.sql, async () => {
      const email = 'l1b@northwind.test';
      const before = await signIn(stack.appUrl, email);
      const asked = await post('request-password-reset', {email});
      expect(asked.status).toBe(200);
      const mail = await waitForMail(stack.dataDir, email, /Reset your password/);
      const link = new URL(linkIn(mail, '/reset-password'));
      expect(link.origin).toBe(new URL(stack.appUrl).origin);
      const token = link.searchParams.get('token')!;
      expect(token).toBeTruthy();

      expect((await post('reset-password', {token, newPassword: 'short'})).status).toBe(400);
      expect((await post('reset-password', {token, newPassword: 'a-brand-new-secret'})).status).toBe(200);
      // Once only.
      expect((await post('reset-password', {token, newPassword: 'another-new-secret'})).status).toBe(400);

      expect(await sessionStatus(before.token)).toBe(401);
      await expect(signIn(stack.appUrl, email)).rejects.toThrow(/401/);
      const after = await signIn(stack.appUrl, email, 'a-brand-new-secret');
      expect(await sessionStatus(after.token)).toBe(200);

      const [row] = await auditRows(email, 'member.resetPassword');
      expect(row).toMatchObject({subject_type: 'member', subject_id: row.member_id});
      const [m] = await stack.sql`select sessions_ended_at from member where email = ${email}`;
      expect(m.sessions_ended_at).toBeGreaterThan(0);
    }));

  it('an unknown address is answered the same and mails nobody; a deactivated member gets no link', async () => {
    const sentBefore = mailOutbox(stack.dataDir).length;
    const res = await post('request-password-reset', {email: 'nobody@northwind.test'});
    expect(res.status).toBe(200);
    await stack.sql`update member set active = false where email = 'viewer@northwind.test'`;
    expect((await post('request-password-reset', {email: 'viewer@northwind.test'})).status).toBe(200);
    await stack.sql`update member set active = true where email = 'viewer@northwind.test'`;
    // A later request for someone else is mailed: the two before it were not.
    await post('request-password-reset', {email: 'cover@northwind.test'});
    await waitForMail(stack.dataDir, 'cover@northwind.test', /Reset your password/);
    expect(
      mailOutbox(stack.dataDir)
        .slice(sentBefore)
        .map(m => m.to),
    ).toEqual(['cover@northwind.test']);
  });

  it('reset requests are throttled per address asked about, without locking that person’s sign-in', async () => {
    const email = 'engineer@contoso.test';
    for (let i = 0; i < 5; i++) expect((await post('request-password-reset', {email})).status).toBe(200);
    const refused = await post('request-password-reset', {email});
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as {error: string}).error).toBe('rate_limited');
    // Five queued (the sixth was refused before better-auth), and sent after the answers.
    const [{queued}] = await stack.sql`select count(*)::int as queued from tandem_internal.password_reset_mail r
      join member m on m.id = r.member_id where m.email = ${email}`;
    expect(queued).toBe(5);
    await eventually(
      () => mailOutbox(stack.dataDir).filter(m => m.to === email).length,
      n => n === 5,
    );
    await signIn(stack.appUrl, email);
  });

  it('a reset mail the transport could not take is sent again, and its link’s token is kept only until then', {timeout: 120_000}, async () => {
    const email = 'owner@contoso.test';
    const mails = () => stack.sql<{status: string; attempts: number; error: string | null; token: string | null}[]>`
      select r.status, r.attempts, r.error, r.token from tandem_internal.password_reset_mail r
      join member m on m.id = r.member_id where m.email = ${email}`;
    // The file transport's file is a directory for a while: every send fails.
    const outbox = path.join(stack.dataDir, 'mail-outbox.jsonl');
    const aside = `${outbox}.aside`;
    if (existsSync(outbox)) renameSync(outbox, aside);
    mkdirSync(outbox);
    try {
      expect((await post('request-password-reset', {email})).status).toBe(200);
      const [failed] = await eventually(mails, rows => rows[0]?.error !== null && rows[0]?.error !== undefined);
      expect(failed).toMatchObject({status: 'queued', attempts: 1});
      expect(failed.token).toBeTruthy();
    } finally {
      rmdirSync(outbox);
      if (existsSync(aside)) renameSync(aside, outbox);
    }
    const mail = await eventually(
      () => mailOutbox(stack.dataDir).filter(m => m.to === email),
      list => list.length > 0,
      90_000,
    );
    const token = new URL(linkIn(mail[0], '/reset-password')).searchParams.get('token')!;
    expect((await post('reset-password', {token, newPassword: 'contoso-new-secret'})).status).toBe(200);
    expect(await mails()).toEqual([expect.objectContaining({status: 'sent', attempts: 2, token: null})]);
  });

  it('change password needs the current one; it can sign out the other devices; it is audited', () =>
    withoutSessionAnnouncements(stack.sql, async () => {
      const email = 'senior@northwind.test';
      const here = await signIn(stack.appUrl, email);
      const elsewhere = await signIn(stack.appUrl, email);
      const auth = {authorization: `Bearer ${here.token}`};
      const wrong = await post('change-password', {currentPassword: 'not-it-at-all', newPassword: 'senior-new-pass'}, auth);
      expect(wrong.status).toBe(400);
      expect(await auditRows(email, 'member.changePassword')).toHaveLength(0);

      const ok = await post('change-password', {currentPassword: DEMO_PASSWORD, newPassword: 'senior-new-pass', revokeOtherSessions: true}, auth);
      expect(ok.status).toBe(200);
      const {token: fresh} = (await ok.json()) as {token: string};
      expect(await sessionStatus(elsewhere.token)).toBe(401);
      expect(await sessionStatus(fresh)).toBe(200);
      await signIn(stack.appUrl, email, 'senior-new-pass');
      const [row] = await auditRows(email, 'member.changePassword');
      expect(row).toMatchObject({subject_type: 'member', details: {sessionsEnded: 'true'}});
    }));

  it('sign out everywhere ends every session of the person, the asking one too, and nobody else’s', () =>
    withoutSessionAnnouncements(stack.sql, async () => {
      const email = 'owner@northwind.test';
      const [a, b] = [await signIn(stack.appUrl, email), await signIn(stack.appUrl, email)];
      const other = await signIn(stack.appUrl, 'l1@northwind.test');
      const res = await post('revoke-sessions', {}, {authorization: `Bearer ${a.token}`});
      expect(res.status).toBe(200);
      expect(await sessionStatus(a.token)).toBe(401);
      expect(await sessionStatus(b.token)).toBe(401);
      expect(await sessionStatus(other.token)).toBe(200);
      // Its open clients can write nothing more.
      const push = await fetch(`${stack.appUrl}/api/zero/mutate?schema=zero_0&appID=zero`, {
        method: 'POST',
        headers: {'content-type': 'application/json', authorization: `Bearer ${b.token}`},
        body: '{}',
      });
      expect(push.status).toBe(401);
      expect(await auditRows(email, 'member.signOutEverywhere')).toHaveLength(1);
      const [m] = await stack.sql`select sessions_ended_at from member where email = ${email}`;
      expect(m.sessions_ended_at).toBeGreaterThan(0);
    }));

  it('signing out ends that session at once, and only that one', () =>
    withoutSessionAnnouncements(stack.sql, async () => {
      const email = 'cover@northwind.test';
      const [leaving, staying] = [await signIn(stack.appUrl, email), await signIn(stack.appUrl, email)];
      const res = await post('sign-out', {}, {cookie: leaving.cookie});
      expect(res.status).toBe(200);
      expect(await sessionStatus(leaving.token)).toBe(401);
      expect(await sessionStatus(staying.token)).toBe(200);
    }));
});
