import type {Browser, Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';

/** A covering engineer sees the coverage banner on every screen of the L1 workspace, the walker included, and nowhere else. */
describe('the coverage banner', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  const banner = (page: Page) => page.getByRole('note').filter({hasText: "You're covering L1. Actions are logged as coverage."});

  it('shows on intake, the walker, tickets, a ticket and its customer; not on the queue or live walks; never for an L1', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, stack.appUrl, 'cover@northwind.test');
    const nav = page.getByRole('navigation', {name: 'Main'});
    await nav.getByRole('link', {name: 'L1 workspace'}).click();
    await banner(page).waitFor();

    await page.getByPlaceholder(/Outlook keeps asking/).fill('Teams camera shows black');
    await page.getByRole('button', {name: 'Start walk'}).click();
    await page.getByTestId('walk-problem').filter({hasText: 'Teams camera shows black'}).waitFor();
    await banner(page).waitFor();

    await nav.getByRole('link', {name: 'Tickets'}).click();
    await page.getByTestId('ticket-list').waitFor();
    await banner(page).waitFor();
    await page.getByTestId('ticket-list').getByText('Teams camera shows black').click();
    await page.waitForURL(u => u.pathname.startsWith('/tickets/'));
    await banner(page).waitFor();

    await nav.getByRole('link', {name: 'Live walks'}).click();
    await page.waitForURL(u => u.pathname === '/walks');
    expect(await banner(page).count()).toBe(0);
    await nav.getByRole('link', {name: 'Queue'}).click();
    await page.waitForURL(u => u.pathname === '/queue');
    expect(await banner(page).count()).toBe(0);

    // What the banner promises: the walk's audit rows are coverage.
    const rows = await stack.sql`select acting_as from audit_log where action = 'ticket.intake'`;
    expect(rows.map(r => r.acting_as)).toEqual(['l1_coverage']);
    await context.close();

    const l1Context = await browser.newContext();
    const l1 = await l1Context.newPage();
    await signInThroughPage(l1, stack.appUrl, 'l1@northwind.test');
    await l1.getByPlaceholder(/Outlook keeps asking/).waitFor();
    expect(await banner(l1).count()).toBe(0);
    await l1Context.close();
  });
});
