import {chmodSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {configFromEnv} from '../../server/config.ts';
import {CONTOSO, DEMO_PASSWORD, NORTHWIND} from '../../server/seed/demo-people.ts';
import {queries} from '../../queries/index.ts';
import {startTandem, type RunningTandem} from '../../server/start.ts';
import {launchBrowser, signInThroughPage} from '../support/browser.ts';
import {freePort} from '../support/free-port.ts';
import {postRaw, pushBody, pushMutation} from '../support/push.ts';
import {signIn} from '../support/sign-in.ts';
import {startTestStack, type TestStack} from '../support/stack.ts';
import {eventually, zeroClient} from '../support/zero-client.ts';

/**
 * Auth hardening against the defaults users get (no test overrides of the
 * limits): security headers, cookie attributes over http and https, refusal
 * of cross-site cookie requests, the sign-in rate limit.
 */
describe('auth hardening', () => {
  let stack: TestStack;
  /** A second API on the same database, configured for https, without zero-cache. */
  let httpsApi: RunningTandem;
  let httpsDir: string;
  const HTTPS_ORIGIN = 'https://tandem.example';

  beforeAll(async () => {
    // These tests age sessions and change policies by hand in the database and ask again at
    // once: they test how a session is resolved, so each request resolves it afresh. The API's
    // reuse of resolved sessions learns of such changes from the database a moment later
    // (server/auth/context-cache.ts); that is tested in session-context-cache.test.ts and, end
    // to end with the reuse on, in revocation.test.ts.
    stack = await startTestStack({serveClient: true, config: {sessionContextCache: false}});
    httpsDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-https-'));
    chmodSync(httpsDir, 0o755);
    const port = await freePort();
    httpsApi = await startTandem(
      configFromEnv({
        port,
        dataDir: httpsDir,
        databaseUrl: stack.databaseUrl,
        spawnZeroCache: false,
        internalZeroUrl: stack.zeroUrl,
        publicUrl: HTTPS_ORIGIN,
        publicZeroUrl: 'https://sync.tandem.example',
        authSecret: 'test-secret-0123456789-abcdefghijklmnop',
        zeroAdminPassword: 'test-admin',
        serveClient: true,
        seedDemoData: false,
        log: () => {},
      }),
    );
  });
  afterAll(async () => {
    await httpsApi?.stop();
    if (httpsDir) rmSync(httpsDir, {recursive: true, force: true});
    await stack?.dispose();
  }, 60_000);

  const signInRaw = (appUrl: string, email: string, password: string, origin = appUrl) =>
    fetch(`${appUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: {'content-type': 'application/json', origin},
      body: JSON.stringify({email, password}),
    });

  describe('security headers', () => {
    it('the app page carries a CSP fitted to the client and zero-cache, and no-framing, no-sniffing headers', async () => {
      const res = await fetch(`${stack.appUrl}/`);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      const zeroPort = stack.config.zeroPort;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain(`connect-src 'self' http://localhost:${zeroPort} ws://localhost:${zeroPort}`);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    });

    it('the built client runs under that CSP: sign-in, sync and the signed-in app raise no violation', async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        const violations: string[] = [];
        page.on('console', m => {
          if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
        });
        await page.addInitScript(() =>
          document.addEventListener('securitypolicyviolation', e => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`)),
        );
        await signInThroughPage(page, stack.appUrl, 'owner@northwind.test');
        await page.goto(`${stack.appUrl}/team`);
        await page.getByRole('status').filter({hasText: 'Online'}).waitFor({timeout: 30_000});
        expect(violations).toEqual([]);
      } finally {
        await browser.close();
      }
    });

    it('API answers carry them too, and an https deployment points connect-src at its secure zero-cache', async () => {
      const res = await fetch(`${stack.appUrl}/api/session`);
      expect(res.status).toBe(401);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const secure = await fetch(`${httpsApi.appUrl}/`);
      expect(secure.headers.get('content-security-policy')).toContain("connect-src 'self' https://sync.tandem.example wss://sync.tandem.example");
    });
  });

  describe('session cookie', () => {
    const cookieOf = (res: Response) => {
      const cookie = res.headers.getSetCookie().find(c => /session_token=/.test(c));
      expect(cookie, 'a session cookie is set').toBeDefined();
      return cookie!.split(';').map(p => p.trim().toLowerCase());
    };

    it('over http: HttpOnly, SameSite=Lax, not Secure', async () => {
      const res = await signInRaw(stack.appUrl, 'senior@northwind.test', DEMO_PASSWORD);
      expect(res.status).toBe(200);
      const parts = cookieOf(res);
      expect(parts).toContain('httponly');
      expect(parts).toContain('samesite=lax');
      expect(parts).not.toContain('secure');
      expect(parts).toContain('path=/');
    });

    it('behind https: HttpOnly, SameSite=Lax, Secure and the __Secure- prefix', async () => {
      const res = await signInRaw(httpsApi.appUrl, 'senior@northwind.test', DEMO_PASSWORD, HTTPS_ORIGIN);
      expect(res.status).toBe(200);
      const parts = cookieOf(res);
      expect(parts[0]).toMatch(/^__secure-/);
      expect(parts).toContain('httponly');
      expect(parts).toContain('samesite=lax');
      expect(parts).toContain('secure');
    });
  });

  describe('cross-site requests with the cookie', () => {
    const EVIL = 'https://evil.example';
    // A harmless mutation: refused by validation, so it shows the request got through.
    const probe = () => JSON.stringify(pushBody('member.setCoverage', {memberId: 'x', canCoverL1: true}));

    it('mutate and query refuse a cookie sent from another site (as zero-cache forwards it) with 403', async () => {
      const {cookie} = await signIn(stack.appUrl, 'owner@northwind.test');
      for (const endpoint of ['mutate', 'query'] as const) {
        const evil = await postRaw(stack.appUrl, endpoint, {cookie, origin: EVIL}, probe());
        expect(evil.status).toBe(403);
        expect(evil.json).toMatchObject({error: 'forbidden'});
        const fetchSite = await postRaw(stack.appUrl, endpoint, {cookie}, probe(), {headers: {'sec-fetch-site': 'cross-site'}});
        expect(fetchSite.status).toBe(403);
        const nullOrigin = await postRaw(stack.appUrl, endpoint, {cookie, origin: 'null'}, probe());
        expect(nullOrigin.status).toBe(403);
      }
      // From the app's own origin (what zero-cache forwards for the real browser) it goes through.
      const own = await postRaw(stack.appUrl, 'mutate', {cookie, origin: stack.appUrl}, probe(), {
        headers: {'sec-fetch-site': 'same-origin'},
      });
      expect(own.status).toBe(200);
      expect(JSON.stringify(own.json)).toContain('invalid_input');
    });

    it('bearer-token requests are not cookie-borne and pass whatever the origin', async () => {
      const {token} = await signIn(stack.appUrl, 'owner@northwind.test');
      const res = await postRaw(stack.appUrl, 'mutate', {token}, probe(), {headers: {origin: EVIL, 'sec-fetch-site': 'cross-site'}});
      expect(res.status).toBe(200);
    });

    it('other state-changing routes refuse it too; reads do not', async () => {
      const {cookie} = await signIn(stack.appUrl, 'owner@northwind.test');
      for (const route of ['/api/auth/sign-out', '/api/walks/00000000-0000-4000-8000-000000000000/resolution-note', '/api/invites/accept']) {
        const res = await fetch(`${stack.appUrl}${route}`, {
          method: 'POST',
          headers: {cookie, origin: EVIL, 'content-type': 'application/json'},
          body: '{}',
        });
        expect(res.status, route).toBe(403);
      }
      const read = await fetch(`${stack.appUrl}/api/session`, {headers: {cookie, origin: EVIL}});
      expect(read.status).toBe(200);
      // The cookie still works: the refused sign-out did nothing.
      expect((await fetch(`${stack.appUrl}/api/session`, {headers: {cookie}})).status).toBe(200);
    });
  });

  describe('sign-in rate limit (defaults: 5 failures per email, 30 per address, 15 minutes)', () => {
    beforeEach(async () => {
      await stack.sql`delete from auth.sign_in_attempt`;
    });

    it('locks an email after 5 failures with 429, Retry-After and a clear message; other emails still sign in', async () => {
      for (let i = 0; i < 5; i++) {
        expect((await signInRaw(stack.appUrl, 'viewer@northwind.test', 'wrong-password')).status).toBe(401);
      }
      const locked = await signInRaw(stack.appUrl, 'viewer@northwind.test', DEMO_PASSWORD);
      expect(locked.status).toBe(429);
      const retryAfter = Number(locked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      const body = (await locked.json()) as {error: string; message: string};
      expect(body.error).toBe('rate_limited');
      expect(body.message).toMatch(/Too many failed sign-in attempts for this account\. Try again in \d+ minutes?\./);
      // Case and spaces do not make it another account.
      expect((await signInRaw(stack.appUrl, ' Viewer@Northwind.TEST ', DEMO_PASSWORD)).status).toBe(429);

      // Someone else at the same address is not blocked.
      expect((await signInRaw(stack.appUrl, 'l1@northwind.test', DEMO_PASSWORD)).status).toBe(200);
      // The lock lives in Postgres: another API process on the same database enforces it too.
      expect((await signInRaw(httpsApi.appUrl, 'viewer@northwind.test', DEMO_PASSWORD, HTTPS_ORIGIN)).status).toBe(429);
    });

    it('a successful sign-in clears the email’s earlier failures', async () => {
      for (let i = 0; i < 4; i++) await signInRaw(stack.appUrl, 'l1b@northwind.test', 'wrong-password');
      expect((await signInRaw(stack.appUrl, 'l1b@northwind.test', DEMO_PASSWORD)).status).toBe(200);
      for (let i = 0; i < 5; i++) {
        expect((await signInRaw(stack.appUrl, 'l1b@northwind.test', 'wrong-password')).status).toBe(401);
      }
    });

    it('a burst of parallel guesses gets no more than 5 checked', async () => {
      const answers = await Promise.all(Array.from({length: 20}, () => signInRaw(stack.appUrl, 'cover@northwind.test', 'wrong-password')));
      const statuses = answers.map(a => a.status);
      expect(statuses.filter(s => s === 401).length).toBeLessThanOrEqual(5);
      expect(statuses.filter(s => s !== 401).every(s => s === 429)).toBe(true);
    });

    it('locks an address after 30 failures, whatever the emails', async () => {
      for (let batch = 0; batch < 6; batch++) {
        const statuses = await Promise.all(
          Array.from({length: 5}, (_, i) => signInRaw(stack.appUrl, `nobody${batch * 5 + i}@example.test`, 'wrong-password').then(r => r.status)),
        );
        expect(statuses).toEqual([401, 401, 401, 401, 401]);
      }
      const res = await signInRaw(stack.appUrl, 'senior@northwind.test', DEMO_PASSWORD);
      expect(res.status).toBe(429);
      expect(((await res.json()) as {message: string}).message).toContain('this network address');
      await stack.sql`delete from auth.sign_in_attempt`;
      expect((await signInRaw(stack.appUrl, 'senior@northwind.test', DEMO_PASSWORD)).status).toBe(200);
    });
  });
  describe('session idle and absolute expiry (per account, set by its owner)', () => {
    const setPolicy = (idleMinutes: number, absoluteHours: number) =>
      stack.sql`update account set session_idle_minutes = ${idleMinutes}, session_absolute_hours = ${absoluteHours} where id = ${NORTHWIND.id}`;
    /** Moves a session's sign-in and last activity into the past (minutes ago). */
    const age = (token: string, {signedIn, active}: {signedIn: number; active: number}) =>
      stack.sql`update auth.session set "createdAt" = now() - ${`${signedIn} minutes`}::interval,
        "updatedAt" = now() - ${`${active} minutes`}::interval where token = ${token}`;
    const sessionStatus = async (headers: Record<string, string>) => (await fetch(`${stack.appUrl}/api/session`, {headers})).status;
    const mutateStatus = async (credentials: Parameters<typeof pushMutation>[1]) =>
      (await pushMutation(stack.appUrl, credentials, 'presence.leave', {walkId: crypto.randomUUID()})).answer.status;
    const sessionRows = async (token: string) => (await stack.sql`select 1 from auth.session where token = ${token}`).length;

    afterAll(async () => {
      await stack.sql`update account set session_idle_minutes = 10080, session_absolute_hours = 720`;
    });

    it('owners set it within bounds (audited, synced to the account); others cannot; out of bounds is invalid_input', async () => {
      const owner = await signIn(stack.appUrl, 'owner@northwind.test');
      const update = (session: {token: string}, args: unknown) =>
        pushMutation(stack.appUrl, {token: session.token}, 'account.updateSessionPolicy', args).then(r => r.result);
      expect(await update(owner, {idleMinutes: 45, absoluteHours: 12})).toEqual({ok: true});
      const [account] = await stack.sql`select session_idle_minutes, session_absolute_hours from account where id = ${NORTHWIND.id}`;
      expect(account).toEqual({session_idle_minutes: 45, session_absolute_hours: 12});
      const [audit] = await stack.sql`select actor_user_id, subject_type, subject_id, details from audit_log where action = 'account.updateSessionPolicy'`;
      expect(audit).toMatchObject({
        actor_user_id: owner.context.userId,
        subject_type: 'account',
        subject_id: NORTHWIND.id,
        details: {idleMinutes: '45', absoluteHours: '12'},
      });

      const zero = zeroClient(stack.zeroUrl, owner);
      try {
        await eventually(
          () => zero.run(queries.account.current(), {type: 'complete'}),
          a => a?.session_idle_minutes === 45 && a.session_absolute_hours === 12,
        );
      } finally {
        await zero.close();
      }

      for (const email of ['senior@northwind.test', 'viewer@northwind.test', 'l1@northwind.test']) {
        const other = await signIn(stack.appUrl, email);
        expect(await update(other, {idleMinutes: 30, absoluteHours: 2}), email).toMatchObject({ok: false, code: 'forbidden'});
      }
      for (const args of [
        {idleMinutes: 14, absoluteHours: 1},
        {idleMinutes: 30 * 24 * 60 + 1, absoluteHours: 1},
        {idleMinutes: 15, absoluteHours: 0},
        {idleMinutes: 15, absoluteHours: 90 * 24 + 1},
        {idleMinutes: 15.5, absoluteHours: 1},
        {idleMinutes: '15', absoluteHours: 1},
        {idleMinutes: 15},
      ]) {
        expect(await update(owner, args), JSON.stringify(args)).toMatchObject({ok: false, code: 'invalid_input'});
      }
      // The bounds themselves are allowed.
      expect(await update(owner, {idleMinutes: 15, absoluteHours: 1})).toEqual({ok: true});
      expect(await update(owner, {idleMinutes: 30 * 24 * 60, absoluteHours: 90 * 24})).toEqual({ok: true});
    });

    it('an idle-expired session is refused on /api/session and /api/zero/mutate, by bearer and by cookie, and ends', async () => {
      await setPolicy(15, 1);
      const bearer = await signIn(stack.appUrl, 'l1@northwind.test');
      await age(bearer.token, {signedIn: 20, active: 16});
      expect(await sessionStatus({authorization: `Bearer ${bearer.token}`})).toBe(401);
      expect(await mutateStatus({token: bearer.token})).toBe(401);
      expect(await sessionRows(bearer.token)).toBe(0);

      const cookie = await signIn(stack.appUrl, 'l1@northwind.test');
      await age(cookie.token, {signedIn: 20, active: 16});
      expect(await mutateStatus({cookie: cookie.cookie, origin: stack.appUrl})).toBe(401);
      expect(await sessionStatus({cookie: cookie.cookie})).toBe(401);

      // Within the limit it works, and the request counts as activity.
      const active = await signIn(stack.appUrl, 'l1@northwind.test');
      await age(active.token, {signedIn: 20, active: 14});
      expect(await sessionStatus({authorization: `Bearer ${active.token}`})).toBe(200);
      expect(await mutateStatus({token: active.token})).toBe(200);
      const [{idle}] = await stack.sql`select extract(epoch from now() - "updatedAt")::int as idle from auth.session where token = ${active.token}`;
      expect(idle).toBeLessThan(60);
    });

    it('an absolute-expired session is refused however active it is, better-auth’s own session read included', async () => {
      await setPolicy(15, 1);
      const s = await signIn(stack.appUrl, 'senior@northwind.test');
      await age(s.token, {signedIn: 61, active: 0});
      expect(await mutateStatus({token: s.token})).toBe(401);
      expect(await sessionStatus({authorization: `Bearer ${s.token}`})).toBe(401);

      const c = await signIn(stack.appUrl, 'senior@northwind.test');
      await age(c.token, {signedIn: 61, active: 0});
      const res = await fetch(`${stack.appUrl}/api/auth/get-session`, {headers: {cookie: c.cookie}});
      expect(await res.json()).toBeNull();
      expect(await sessionRows(c.token)).toBe(0);

      const fresh = await signIn(stack.appUrl, 'senior@northwind.test');
      await age(fresh.token, {signedIn: 59, active: 0});
      expect(await sessionStatus({authorization: `Bearer ${fresh.token}`})).toBe(200);
    });

    it('an owner changes it from the Team page', async () => {
      await setPolicy(10080, 720);
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        await signInThroughPage(page, stack.appUrl, 'owner@northwind.test');
        await page.goto(`${stack.appUrl}/team`);
        const panel = page.getByRole('region', {name: 'Sessions'});
        const idle = panel.getByLabel('Sign out after idle (minutes)');
        const absolute = panel.getByLabel('Sign out after at most (hours)');
        // The fields wait for the account row (disabled until then), then show its values.
        await expect.poll(() => absolute.inputValue(), {timeout: 30_000}).toBe('720');
        await idle.fill('30');
        // Another owner changes the policy meanwhile: the untouched field follows it,
        // and what this owner typed stays (it used to be overwritten by the synced value).
        await stack.sql`update account set session_idle_minutes = 45, session_absolute_hours = 700 where id = ${NORTHWIND.id}`;
        await expect.poll(() => absolute.inputValue(), {timeout: 30_000}).toBe('700');
        expect(await idle.inputValue()).toBe('30');
        await absolute.fill('8');
        await panel.getByRole('button', {name: 'Save'}).click();
        await panel.getByRole('status').filter({hasText: 'Saved.'}).waitFor({timeout: 30_000});
        await eventually(
          async () => (await stack.sql`select session_idle_minutes, session_absolute_hours from account where id = ${NORTHWIND.id}`)[0],
          row => row.session_idle_minutes === 30 && row.session_absolute_hours === 8,
        );
      } finally {
        await browser.close();
      }
    });

    it('the policy is per account: Contoso keeps its own', async () => {
      await setPolicy(15, 1);
      const contoso = await signIn(stack.appUrl, 'engineer@contoso.test');
      expect(contoso.context.accountId).toBe(CONTOSO.id);
      await age(contoso.token, {signedIn: 180, active: 60});
      expect(await sessionStatus({authorization: `Bearer ${contoso.token}`})).toBe(200);
    });
  });
});
