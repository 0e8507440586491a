import type {Browser, Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';
import {escalateNowThroughPage, goInApp, startWalkThroughPage} from '../support/walks-through-page.ts';

/** Everything by keyboard: number keys on the walker, J/K in the queue, `/` and `?`, dialogs that keep and give back the focus. */
describe('keyboard paths', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return {tag: el?.tagName ?? '', id: el?.id ?? '', text: (el?.textContent ?? '').trim(), inDialog: !!el?.closest('dialog[open]')};
    });
  const pathLength = (page: Page) => page.getByTestId('path').locator('li').count();

  it('walker: 1–9 answer the current step, focus moves to the next step, and keys typed in a field stay text', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, stack.appUrl, 'l1@northwind.test');
    await startWalkThroughPage(page, 'VPN drops every ten minutes');
    const node = page.getByTestId('current-node');
    const first = await node.getAttribute('data-node-id');
    const options = await node.getByRole('group', {name: 'Answers'}).getByRole('button').allTextContents();
    expect(options.length).toBeGreaterThan(1);

    // Typing a "2" in the step's note is text, not an answer.
    const noteField = node.getByLabel('Note for this step (optional)');
    await noteField.click();
    await page.keyboard.type('2 users affected');
    expect(await noteField.inputValue()).toBe('2 users affected');
    expect(await node.getAttribute('data-node-id')).toBe(first);

    // Out of the field, "2" answers with the second option; the next step's question has the focus.
    await page.getByTestId('walk-problem').click(); // out of the field: the focus is on the page
    expect((await focused(page)).tag).toBe('BODY');
    await page.keyboard.press('2');
    await expect.poll(() => node.getAttribute('data-node-id')).not.toBe(first);
    await page.getByTestId('path').locator('li').first().waitFor();
    expect(await page.getByTestId('path').locator('li').first().textContent()).toContain(options[1]!.replace(/^\d/, ''));
    expect(await page.getByTestId('path').locator('li').first().textContent()).toContain('2 users affected');
    const now = await focused(page);
    expect(now.id).toBe('node-text');
    expect(now.text).toBe((await node.locator('#node-text').textContent())!.trim());

    // A number with no option on this step does nothing.
    const second = await node.getAttribute('data-node-id');
    const count = await pathLength(page);
    await page.keyboard.press('9');
    expect(await node.getAttribute('data-node-id')).toBe(second);
    expect(await pathLength(page)).toBe(count);

    // Back, by keyboard too, and focus is on the step again.
    await node.getByRole('button', {name: '← Back'}).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => node.getAttribute('data-node-id')).toBe(first);
    expect((await focused(page)).id).toBe('node-text');
    await context.close();
  });

  it('? opens the shortcuts (focus kept inside, Esc closes, focus goes back); / searches; never while typing', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, stack.appUrl, 'senior@northwind.test');
    const dialog = page.getByRole('dialog', {name: 'Keyboard shortcuts'});

    // Typing "?" in a field is text.
    await goInApp(page, '/tickets');
    const search = page.getByRole('searchbox').first();
    await search.click();
    await page.keyboard.type('why?');
    expect(await search.inputValue()).toBe('why?');
    expect(await dialog.count()).toBe(0);

    // From the header's button: Tab stays inside; Esc closes; focus back on the button.
    const button = page.getByRole('button', {name: 'Keyboard shortcuts'});
    await button.click();
    await dialog.waitFor();
    await dialog.getByText('Answer the current step with that option').waitFor();
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press(i % 2 ? 'Shift+Tab' : 'Tab');
      expect((await focused(page)).inDialog).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({state: 'detached'});
    expect((await focused(page)).text).toContain('?');

    // "?" from the page opens it; closing gives the focus back to where it was.
    const nav = page.getByRole('navigation', {name: 'Main'});
    await nav.getByRole('link', {name: 'Queue'}).focus();
    await page.keyboard.press('?');
    await dialog.waitFor();
    expect((await focused(page)).inDialog).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({state: 'detached'});
    expect((await focused(page)).text).toBe('Queue');

    // "/" from anywhere else puts the cursor in ticket search.
    await nav.getByRole('link', {name: 'Queue'}).click();
    await page.waitForURL(u => u.pathname === '/queue');
    await page.locator('body').press('/');
    await page.waitForURL(u => u.pathname === '/tickets');
    await expect.poll(async () => (await focused(page)).tag).toBe('INPUT');
    await context.close();
  });

  it('queue: J and K move the selection, Enter opens the card, Esc closes it', async () => {
    const l1Context = await browser.newContext();
    const l1 = await l1Context.newPage();
    await signInThroughPage(l1, stack.appUrl, 'l1b@northwind.test');
    for (const problem of ['Scanner shows offline', 'Teams has no sound', 'Laptop will not dock']) {
      await escalateNowThroughPage(l1, problem);
    }
    await l1Context.close();

    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, stack.appUrl, 'owner@northwind.test');
    await goInApp(page, '/queue');
    const cards = page.getByTestId('queue').locator('button.queue-open');
    await expect.poll(() => cards.count()).toBe(3);
    const titles = (await cards.locator('.row-title').allTextContents()).map(t => t.trim());
    const selected = async () => (await focused(page)).text;

    await page.locator('body').press('j');
    expect(await selected()).toContain(titles[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await selected()).toContain(titles[2]);
    await page.keyboard.press('j'); // stays on the last
    expect(await selected()).toContain(titles[2]);
    await page.keyboard.press('k');
    expect(await selected()).toContain(titles[1]);

    await page.keyboard.press('Enter');
    const context2 = page.getByTestId('handoff-context');
    await context2.getByRole('heading', {name: titles[1]}).waitFor();
    await page.keyboard.press('Escape');
    await context2.waitFor({state: 'detached'});
    await context.close();
  });
});
