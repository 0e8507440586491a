import type {Browser, Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {titleFromProblem} from '../../rules/ticket-title.ts';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';
import {escalateNowThroughPage, goInApp, startWalkThroughPage} from '../support/walks-through-page.ts';

const PHONE = {width: 390, height: 844};
const LONG =
  'Every morning since Monday the shared mailbox for the front desk stops syncing on all three reception PCs, ' +
  'the calendar shows yesterday, and the only thing that helps is signing out of Outlook and back in, which loses the drafts';

/** At 390 px: a one-row header with its menu, tables as cards, nothing wider than the screen, the queue's context in view; long texts clamped with the rest one click away. */
describe('on a phone', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

  it('header is one row with a Menu disclosure; tables reflow; no page scrolls sideways; a picked queue card opens its context in view', async () => {
    const l1Context = await browser.newContext({viewport: PHONE});
    const l1 = await l1Context.newPage();
    await signInThroughPage(l1, stack.appUrl, 'l1@northwind.test');
    const walkId = await startWalkThroughPage(l1, LONG);
    expect(await noSideScroll(l1)).toBe(true);
    // This try's own cards (a retry finds the first try's five still queued).
    const tryTag = `try ${Date.now().toString(36)}`;
    for (const problem of ['Scanner shows offline', 'Teams has no sound', 'Laptop will not dock', 'Wi-Fi drops in room 4', 'Printer jams']) {
      await goInApp(l1, '/');
      await escalateNowThroughPage(l1, `${problem} (${tryTag})`);
    }
    await l1Context.close();

    const context = await browser.newContext({viewport: PHONE});
    const page = await context.newPage();
    await signInThroughPage(page, stack.appUrl, 'owner@northwind.test');

    // One row: brand, connection, Menu; the nav is folded away until Menu opens it.
    const header = await box(page, 'header.topbar');
    expect(header.height).toBeLessThan(64);
    const nav = page.getByRole('navigation', {name: 'Main'});
    const menu = page.getByRole('button', {name: 'Menu'});
    expect(await nav.isVisible()).toBe(false);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', {name: 'Team'}).click();
    await page.waitForURL(u => u.pathname === '/team');
    expect(await nav.isVisible()).toBe(false);

    // The members table: one card per person, each cell on its own line under the last.
    // Both cells are measured in one frame: two separate reads once straddled a move of the page (CI: Role read 420 px above Name).
    await page.getByTestId('members').locator('tbody tr').first().waitFor();
    const cellsOf = () =>
      page.getByTestId('members').evaluate(table => {
        const row = table.querySelector('tbody tr')!;
        const [name, role] = ['Name', 'Role'].map(label => row.querySelector(`td[data-label="${label}"]`)!.getBoundingClientRect());
        return {name: name!, role: role!};
      });
    const {name, role} = await cellsOf();
    expect(role.y).toBeGreaterThanOrEqual(name.y + name.height - 1);
    expect(Math.abs(role.x - name.x)).toBeLessThan(2);
    expect((await page.getByTestId('members').locator('thead').boundingBox())!.height).toBeLessThanOrEqual(1); // kept for screen readers only

    for (const path of ['/team', '/', `/walks/${walkId}`, '/walks', '/tickets', '/flows', '/queue']) {
      await goInApp(page, path);
      await page.getByRole('heading', {level: 1}).first().waitFor();
      expect(await noSideScroll(page), path).toBe(true);
    }

    // The queue: the last card is picked; its context (below the list on a phone) is scrolled into view.
    const cards = page.getByTestId('queue').locator('button.queue-open').filter({hasText: tryTag});
    await expect.poll(() => cards.count()).toBe(5);
    await cards.last().click();
    const handoff = page.getByTestId('handoff-context');
    await handoff.waitFor();
    await expect
      .poll(async () => {
        const b = (await handoff.boundingBox())!;
        return b.y >= 0 && b.y < PHONE.height / 2;
      })
      .toBe(true);
    await context.close();
  });

  it('long texts are clamped in lists and headings; "Show all" (a button, so keyboard reachable) shows the whole text in place', async () => {
    const context = await browser.newContext({viewport: PHONE});
    const page = await context.newPage();
    await signInThroughPage(page, stack.appUrl, 'l1b@northwind.test');
    const walkId = await startWalkThroughPage(page, LONG);

    // The heading is the ticket's short title (made from the problem), at most three lines.
    const heading = page.getByTestId('walk-problem');
    const lineHeight = await heading.evaluate(el => parseFloat(getComputedStyle(el).lineHeight));
    expect((await heading.boundingBox())!.height).toBeLessThanOrEqual(lineHeight * 3 + 1);
    expect(await heading.textContent()).toBe(titleFromProblem(LONG));
    // Under it the whole problem, two lines, then its "Show all".
    const problem = page.getByTestId('ticket-problem-full');
    const problemLine = await problem.evaluate(el => parseFloat(getComputedStyle(el).lineHeight));
    const clamped = (await problem.boundingBox())!.height;
    expect(clamped).toBeLessThanOrEqual(problemLine * 2 + 1);
    expect(await problem.textContent()).toContain('which loses the drafts');
    expect(await problem.getAttribute('title')).toBe(LONG);
    const toggle = problem.locator('xpath=following-sibling::button[1]');
    expect(await toggle.textContent()).toBe('Show all');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await problem.boundingBox())!.height).toBeGreaterThan(clamped);
    expect(await toggle.textContent()).toBe('Show less');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');

    // In the ticket list: the title in two lines at most, then "Show all" with the whole problem.
    await goInApp(page, '/tickets');
    const row = page.getByTestId('ticket-list').locator('li', {hasText: 'shared mailbox'}).first();
    const title = row.locator('.row-title');
    const rowLine = await title.evaluate(el => parseFloat(getComputedStyle(el).lineHeight));
    expect((await title.boundingBox())!.height).toBeLessThanOrEqual(rowLine * 2 + 1);
    await row.getByRole('button', {name: 'Show all'}).click();
    expect(await row.locator('.ticket-problem-full').textContent()).toBe(LONG);
    expect(walkId).toBeTruthy();
    await context.close();
  });
});
