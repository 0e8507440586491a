import type {Browser} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';

/**
 * Two real Chromium sessions against the real stack: what one person does
 * shows up on the other's screen without a reload.
 */
describe('two browsers, one account', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  it('shows the sign-in page to a visitor without a session', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(stack.appUrl);
    await page.getByRole('button', {name: 'Sign in'}).waitFor();
    // Wrong password: a clear message, no session.
    await page.getByLabel('Email').fill('l1@northwind.test');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', {name: 'Sign in'}).click();
    await page.getByRole('alert').filter({hasText: 'do not match'}).waitFor();
    await context.close();
  });

  it('a call the L1 takes appears on the engineer’s screen live, and the nav fits each role', async () => {
    const l1Context = await browser.newContext();
    const seniorContext = await browser.newContext();
    const l1 = await l1Context.newPage();
    const senior = await seniorContext.newPage();

    await signInThroughPage(l1, stack.appUrl, 'l1@northwind.test');
    await signInThroughPage(senior, stack.appUrl, 'senior@northwind.test');

    // Role-aware navigation: the L1 has the L1 workspace, no Live walks; the engineer the reverse.
    const l1Nav = l1.getByRole('navigation', {name: 'Main'});
    await expect(l1Nav.getByRole('link', {name: 'L1 workspace'}).count()).resolves.toBe(1);
    await expect(l1Nav.getByRole('link', {name: 'Live walks'}).count()).resolves.toBe(0);
    const seniorNav = senior.getByRole('navigation', {name: 'Main'});
    await expect(seniorNav.getByRole('link', {name: 'L1 workspace'}).count()).resolves.toBe(0);
    await seniorNav.getByRole('link', {name: 'Live walks'}).click();
    await senior.getByText('Nobody is on a call right now.').waitFor();

    const problem = `Printer on floor 3 shows offline ${Date.now()}`;
    await l1.getByPlaceholder(/Outlook keeps asking/).fill(problem);
    await l1.getByLabel('Customer name').fill('Dana at Fabrikam');
    await l1.getByRole('button', {name: 'Start walk'}).click();
    await l1.getByTestId('walk-problem').filter({hasText: problem}).waitFor();

    // No reload on the engineer's side: the walk arrives by sync.
    await senior.getByTestId('live-walks').getByText(problem).waitFor({timeout: 10_000});
    await seniorNav.getByRole('link', {name: 'Tickets'}).click();
    await senior.getByTestId('ticket-list').getByText(problem).waitFor({timeout: 10_000});

    // Another account never sees it.
    const contosoContext = await browser.newContext();
    const contoso = await contosoContext.newPage();
    await signInThroughPage(contoso, stack.appUrl, 'engineer@contoso.test');
    await contoso.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Tickets'}).click();
    await contoso.getByText('No tickets here yet.').waitFor();
    expect(await contoso.getByText(problem).count()).toBe(0);

    await Promise.all([l1Context.close(), seniorContext.close(), contosoContext.close()]);
  });
});
