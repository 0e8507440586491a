import type {Browser, Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';

/**
 * The theme follows the person, not the device (issue #21): picked on one
 * device it turns their other devices at once, without a reload, and a new
 * device signs in with it.
 */
describe('a theme remembered per person', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);
  const device = async () => {
    const page = await (await browser.newContext({colorScheme: 'light'})).newPage();
    await signInThroughPage(page, stack.appUrl, 'senior@northwind.test');
    return page;
  };

  it('dark on one device turns the other dark live, and a fresh device signs in dark', async () => {
    const [laptop, desktop] = [await device(), await device()];
    for (const page of [laptop, desktop]) {
      expect(await page.getByLabel('Theme').inputValue()).toBe('system');
      expect(await theme(page)).toBe('light');
    }

    await laptop.getByLabel('Theme').selectOption('dark');
    expect(await theme(laptop)).toBe('dark');
    await expect.poll(() => theme(desktop)).toBe('dark');
    expect(await desktop.getByLabel('Theme').inputValue()).toBe('dark');
    const [row] = await stack.sql`select theme from member where email = 'senior@northwind.test'`;
    expect(row!.theme).toBe('dark');

    // A device that never saw the choice: light before sign-in (its system), dark once signed in.
    const phone = await (await browser.newContext({colorScheme: 'light'})).newPage();
    await phone.goto(stack.appUrl);
    await phone.getByLabel('Email').waitFor();
    expect(await theme(phone)).toBe('light');
    await signInThroughPage(phone, stack.appUrl, 'senior@northwind.test');
    await expect.poll(() => theme(phone)).toBe('dark');
    expect(await phone.getByLabel('Theme').inputValue()).toBe('dark');

    // Back to "system" on the phone: every device follows its own system again (light here).
    await phone.getByLabel('Theme').selectOption('system');
    await expect.poll(() => theme(laptop)).toBe('light');
    await expect.poll(() => theme(desktop)).toBe('light');
    expect(await laptop.getByLabel('Theme').inputValue()).toBe('system');

    // Someone else is untouched.
    const [other] = await stack.sql`select theme from member where email = 'l1@northwind.test'`;
    expect(other!.theme).toBeNull();
    for (const page of [laptop, desktop, phone]) await page.context().close();
  });
});
