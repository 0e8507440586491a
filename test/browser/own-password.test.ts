import type {Browser, Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {DEMO_PASSWORD} from '../../server/seed/demo-people.ts';
import {signInThroughPage} from '../support/browser.ts';
import {linkIn, waitForMail} from '../support/mail-outbox.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';

/** Issue #21 in the browser: forgot password by email, change password, sign out everywhere. */
describe('own password and sessions, in the browser', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  async function signInWith(page: Page, email: string, password: string) {
    await page.goto(stack.appUrl);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', {name: 'Sign in'}).click();
  }

  it('forgot password: the emailed link opens the reset page; the new password signs in, the old one no longer does', async () => {
    const email = 'l1b@northwind.test';
    const page = await (await browser.newContext()).newPage();
    await page.goto(stack.appUrl);
    await page.getByRole('link', {name: 'Forgot password?'}).click();
    await page.getByRole('heading', {name: 'Reset your password'}).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', {name: 'Send reset link'}).click();
    await page
      .getByRole('status')
      .filter({hasText: `If ${email} belongs to a Tandem account`})
      .waitFor();

    const link = linkIn(await waitForMail(stack.dataDir, email, /Reset your password/), '/reset-password');
    await page.goto(link);
    await page.getByRole('heading', {name: 'Choose a new password'}).waitFor();
    await page.getByLabel('New password', {exact: true}).fill('brand-new-l1b-pass');
    await page.getByLabel('New password again').fill('brand-new-l1b-pass');
    await page.getByRole('button', {name: 'Set new password'}).click();
    await page.getByRole('status').filter({hasText: 'Your password is changed'}).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');

    // The same link a second time says it is spent.
    await page.goto(link);
    await page.getByLabel('New password', {exact: true}).fill('another-l1b-pass');
    await page.getByLabel('New password again').fill('another-l1b-pass');
    await page.getByRole('button', {name: 'Set new password'}).click();
    await page.getByRole('alert').filter({hasText: 'expired or was already used'}).waitFor();

    await signInWith(page, email, DEMO_PASSWORD);
    await page.getByRole('alert').filter({hasText: 'do not match'}).waitFor();
    await signInWith(page, email, 'brand-new-l1b-pass');
    await page.getByRole('status').filter({hasText: 'Online'}).waitFor({timeout: 30_000});
    await page.context().close();
  });

  it('change password on the profile page: a wrong current password is refused; the new one works', async () => {
    const page = await (await browser.newContext()).newPage();
    await signInThroughPage(page, stack.appUrl, 'cover@northwind.test');
    await page
      .getByRole('banner')
      .getByRole('link', {name: /Casey Cover/})
      .click();
    await page.getByRole('heading', {name: 'Your profile'}).waitFor();
    expect(new URL(page.url()).pathname).toBe('/profile');

    const form = page.locator('section', {has: page.getByRole('heading', {name: 'Change password'})});
    await form.getByLabel('Current password').fill('not-my-password');
    await form.getByLabel('New password', {exact: true}).fill('cover-new-pass');
    await form.getByLabel('New password again').fill('cover-new-pass');
    await form.getByRole('button', {name: 'Change password'}).click();
    await form.getByRole('alert').filter({hasText: 'current password is not right'}).waitFor();

    await form.getByLabel('Current password').fill(DEMO_PASSWORD);
    await form.getByRole('button', {name: 'Change password'}).click();
    await form.getByRole('status').filter({hasText: 'Password changed'}).waitFor();
    // This device stays signed in (better-auth gave it a fresh session).
    await page.reload();
    await page.getByRole('heading', {name: 'Your profile'}).waitFor({timeout: 30_000});

    const other = await (await browser.newContext()).newPage();
    await signInWith(other, 'cover@northwind.test', 'cover-new-pass');
    await other.getByRole('status').filter({hasText: 'Online'}).waitFor({timeout: 30_000});
    await page.context().close();
    await other.context().close();
  });

  it('sign out everywhere signs out a second browser too: it stops syncing and lands on the sign-in page', async () => {
    const [a, b] = [await (await browser.newContext()).newPage(), await (await browser.newContext()).newPage()];
    await signInThroughPage(a, stack.appUrl, 'viewer@northwind.test');
    await signInThroughPage(b, stack.appUrl, 'viewer@northwind.test');
    const bCookies = await b.context().cookies();

    await a.goto(`${stack.appUrl}/profile`);
    const button = a.getByRole('button', {name: 'Sign out everywhere'});
    await button.click();
    const dialog = a.getByRole('dialog', {name: 'Sign out on every device?'});
    await dialog.getByRole('button', {name: 'Sign out everywhere'}).click();
    await a.getByRole('status').filter({hasText: 'You are signed out on every device.'}).waitFor();

    // The other browser is told at once (its member row, synced) and checks its session.
    await b.getByRole('status').filter({hasText: 'You were signed out on every device.'}).waitFor({timeout: 30_000});
    await b.getByRole('button', {name: 'Sign in'}).waitFor();
    // Its old session cookie reads and writes nothing any more.
    const cookie = bCookies.map(c => `${c.name}=${c.value}`).join('; ');
    for (const endpoint of ['query', 'mutate']) {
      const res = await fetch(`${stack.appUrl}/api/zero/${endpoint}?schema=zero_0&appID=zero`, {
        method: 'POST',
        headers: {'content-type': 'application/json', cookie, origin: stack.appUrl},
        body: '{}',
      });
      expect(res.status).toBe(401);
    }
    const [{n}] = await stack.sql`select count(*)::int as n from audit_log a join member m on m.id = a.actor_user_id
      where m.email = 'viewer@northwind.test' and a.action = 'member.signOutEverywhere'`;
    expect(n).toBe(1);
    await a.context().close();
    await b.context().close();
  });
});
