import {chmodSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {configFromEnv} from '../../server/config.ts';
import {DEMO_PASSWORD} from '../../server/seed/demo-people.ts';
import {startTandem, type RunningTandem} from '../../server/start.ts';
import {launchBrowser, signInThroughPage} from '../support/browser.ts';
import {freePort} from '../support/free-port.ts';
import {postRaw, pushBody} from '../support/push.ts';
import {signIn} from '../support/sign-in.ts';
import {startTestStack, type TestStack} from '../support/stack.ts';

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
    stack = await startTestStack({serveClient: true});
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
          document.addEventListener('securitypolicyviolation', e =>
            console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
          ),
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
      expect(secure.headers.get('content-security-policy')).toContain(
        "connect-src 'self' https://sync.tandem.example wss://sync.tandem.example",
      );
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
      const answers = await Promise.all(
        Array.from({length: 20}, () => signInRaw(stack.appUrl, 'cover@northwind.test', 'wrong-password')),
      );
      const statuses = answers.map(a => a.status);
      expect(statuses.filter(s => s === 401).length).toBeLessThanOrEqual(5);
      expect(statuses.filter(s => s !== 401).every(s => s === 429)).toBe(true);
    });

    it('locks an address after 30 failures, whatever the emails', async () => {
      for (let i = 0; i < 30; i++) {
        expect((await signInRaw(stack.appUrl, `nobody${i}@example.test`, 'wrong-password')).status).toBe(401);
      }
      const res = await signInRaw(stack.appUrl, 'senior@northwind.test', DEMO_PASSWORD);
      expect(res.status).toBe(429);
      expect(((await res.json()) as {message: string}).message).toContain('this network address');
      await stack.sql`delete from auth.sign_in_attempt`;
      expect((await signInRaw(stack.appUrl, 'senior@northwind.test', DEMO_PASSWORD)).status).toBe(200);
    });
  });
});
