import type {Browser, Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';

/**
 * Consequential one-click actions ask first, in a real dialog: resolving
 * with no note, deactivating a member, changing a role. Focus is kept
 * inside, Esc backs out with nothing changed, focus goes back where it was.
 */
describe('confirmations', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  const focusedInside = (page: Page, dialogName: string) => page.getByRole('dialog', {name: dialogName}).evaluate(d => d.contains(document.activeElement));

  it('resolving with empty notes asks first; Esc backs out and focus returns to Resolve walk', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, stack.appUrl, 'l1@northwind.test');
    await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'L1 workspace'}).click();
    await page.getByPlaceholder(/Outlook keeps asking/).fill('Mouse pointer jumps around');
    await page.getByRole('button', {name: 'Start walk'}).click();
    await page.getByTestId('walk-problem').filter({hasText: 'Mouse pointer jumps around'}).waitFor();

    const resolveButton = page.getByRole('button', {name: 'Resolve walk'});
    await resolveButton.click();
    const dialog = page.getByRole('dialog', {name: 'Resolve without a resolution note?'});
    await dialog.waitFor();
    expect(await dialog.getByRole('button', {name: 'Cancel'}).evaluate(el => el === document.activeElement)).toBe(true);
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      expect(await focusedInside(page, 'Resolve without a resolution note?')).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({state: 'detached'});
    expect(await resolveButton.evaluate(el => el === document.activeElement)).toBe(true);
    const walkStatus = async () =>
      (await stack.sql`select w.status from walk w join ticket t on t.id = w.ticket_id where t.problem_statement = 'Mouse pointer jumps around'`)[0]?.status;
    expect(await walkStatus()).toBe('active');

    await resolveButton.click();
    await dialog.getByRole('button', {name: 'Resolve without a note'}).click();
    await page.getByRole('status').filter({hasText: 'Resolved'}).waitFor();
    await expect.poll(walkStatus).toBe('resolved');
    await context.close();
  });

  it('changing a role and deactivating a member ask first; Esc leaves the member as they were', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, stack.appUrl, 'owner@northwind.test');
    await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Team'}).click();
    const row = page.locator('tr[data-member-email="l1b@northwind.test"]');
    const member = async () => (await stack.sql`select role, active from member where email = 'l1b@northwind.test'`)[0];

    const select = row.getByLabel('Role of Bailey Brooks');
    await select.selectOption('viewer');
    const roleDialog = page.getByRole('dialog', {name: 'Make Bailey Brooks a Viewer?'});
    await roleDialog.waitFor();
    await page.keyboard.press('Escape');
    await roleDialog.waitFor({state: 'detached'});
    expect(await select.inputValue()).toBe('l1_tech');
    expect(await select.evaluate(el => el === document.activeElement)).toBe(true);
    expect(await member()).toEqual({role: 'l1_tech', active: true});

    await select.selectOption('viewer');
    await roleDialog.getByRole('button', {name: 'Change role'}).click();
    await roleDialog.waitFor({state: 'detached'});
    await expect.poll(async () => (await member()).role).toBe('viewer');
    expect(await select.inputValue()).toBe('viewer');

    const deactivate = row.getByRole('button', {name: 'Deactivate'});
    await deactivate.click();
    const offDialog = page.getByRole('dialog', {name: 'Deactivate Bailey Brooks?'});
    await offDialog.getByRole('button', {name: 'Cancel'}).click();
    await offDialog.waitFor({state: 'detached'});
    expect(await deactivate.evaluate(el => el === document.activeElement)).toBe(true);
    expect((await member()).active).toBe(true);
    await deactivate.click();
    await offDialog.getByRole('button', {name: 'Deactivate'}).click();
    await expect.poll(async () => (await member()).active).toBe(false);
    // Reactivating is not consequential: no question.
    await row.getByRole('button', {name: 'Reactivate'}).click();
    await expect.poll(async () => (await member()).active).toBe(true);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await context.close();
  });
});
