import type {Browser, Locator, Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';

/**
 * The task lane's controls in a real browser: edit and delete an item,
 * re-answer a question (its fact follows), and every fix outcome the server
 * accepts, each with a badge in words.
 */
describe('the task lane controls', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  const lane = (page: Page) => page.getByTestId('task-lane');
  const item = (page: Page, text: string) => lane(page).locator('li', {hasText: text});
  const badge = (li: Locator) => li.getByTestId('fix-badge').textContent();
  async function addToLane(page: Page, kind: string, text: string) {
    await page.locator('select[name="laneKind"]').selectOption(kind);
    await page.locator('input[name="laneText"]').fill(text);
    await page.getByRole('button', {name: 'Add', exact: true}).click();
    await item(page, text).waitFor();
  }
  const rowOf = async (text: string) => (await stack.sql`select * from task_lane_item where text = ${text}`)[0];

  it('edits, deletes, re-answers, and records pending, partial, failed, worked and dismissed fixes', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, stack.appUrl, 'l1@northwind.test');
    await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'L1 workspace'}).click();
    await page.getByPlaceholder(/Outlook keeps asking/).fill('Laptop will not join the VPN');
    await page.getByRole('button', {name: 'Start walk'}).click();
    await page.getByTestId('walk-problem').filter({hasText: 'Laptop will not join the VPN'}).waitFor();

    // Edit an item, then delete one.
    await addToLane(page, 'check', 'Check the VPN clinet version');
    await item(page, 'Check the VPN clinet version').getByRole('button', {name: /^Edit/}).click();
    await page.getByLabel('Edit: Check the VPN clinet version').fill('Check the VPN client version');
    await page.getByRole('button', {name: 'Save', exact: true}).click();
    await item(page, 'Check the VPN client version').waitFor();
    await expect.poll(async () => (await rowOf('Check the VPN client version'))?.kind).toBe('check');
    await addToLane(page, 'fact', 'Wrong walk entirely');
    await item(page, 'Wrong walk entirely')
      .getByRole('button', {name: /^Delete/})
      .click();
    await item(page, 'Wrong walk entirely').waitFor({state: 'detached'});
    await expect.poll(async () => (await rowOf('Wrong walk entirely'))?.deleted_at).not.toBeNull();

    // Answer a question as a fact; change the answer: the fact follows.
    await addToLane(page, 'question', 'Does it fail on home Wi-Fi too?');
    await page.getByLabel('Answer to: Does it fail on home Wi-Fi too?').fill('Yes, everywhere');
    await item(page, 'Does it fail on home Wi-Fi too?').getByRole('button', {name: 'Answer', exact: true}).click();
    await lane(page).locator('li.lane-fact', {hasText: 'Yes, everywhere'}).waitFor();
    await item(page, 'Does it fail on home Wi-Fi too?').getByRole('button', {name: 'Change answer'}).click();
    await page.getByLabel('Answer to: Does it fail on home Wi-Fi too?').fill('Only on the office network');
    await item(page, 'Does it fail on home Wi-Fi too?').getByRole('button', {name: 'Save answer'}).click();
    await lane(page).locator('li.lane-fact', {hasText: 'Only on the office network'}).waitFor();
    await item(page, 'Does it fail on home Wi-Fi too?').getByText('Customer: “Only on the office network”').waitFor();
    expect(await lane(page).locator('li.lane-fact').count()).toBe(1);
    // The fact from an answer is edited through its question.
    expect(await lane(page).locator('li.lane-fact').getByRole('button', {name: /^Edit/}).count()).toBe(0);

    // A fix: verifying, then pending with its reason, then partly with a note, then failed with a reason.
    await addToLane(page, 'suggested_fix', 'Reinstall the VPN client');
    const first = item(page, 'Reinstall the VPN client');
    expect(await badge(first)).toBe('proposed');
    await first.getByRole('button', {name: 'I ran this'}).click();
    await expect.poll(() => badge(first)).toBe('verifying');
    await first.getByRole('button', {name: 'Pending…'}).click();
    await first.getByLabel('What are we waiting for?').fill('Needs a reboot tonight');
    await first.getByRole('button', {name: 'Mark pending'}).click();
    await expect.poll(() => badge(first)).toBe('pending: Needs a reboot tonight');
    await first.getByRole('button', {name: 'Partly…'}).click();
    await first.getByLabel('What is still not working?').fill('Connects, but drops after a minute');
    await first.getByRole('button', {name: 'Mark partly worked'}).click();
    await expect.poll(() => badge(first)).toBe('partly');
    await first.getByText('Note: Connects, but drops after a minute').waitFor();
    await first.getByRole('button', {name: "Didn't work…"}).click();
    await first.getByLabel("Why didn't it work?").fill('Same error 809 after the reinstall');
    await first.getByRole('button', {name: "Mark didn't work"}).click();
    await expect.poll(() => badge(first)).toBe('failed');
    await first.getByText('Why: Same error 809 after the reinstall').waitFor();
    expect(await first.getByRole('button', {name: 'It worked'}).count()).toBe(0);
    await expect
      .poll(async () => {
        const r = await rowOf('Reinstall the VPN client');
        return [r?.outcome, r?.pending_reason, r?.outcome_note, r?.failure_reason];
      })
      .toEqual(['applied_failed', 'Needs a reboot tonight', 'Connects, but drops after a minute', 'Same error 809 after the reinstall']);

    // A fix that worked says so, and is not struck through.
    await addToLane(page, 'suggested_fix', 'Open UDP 4500 on the firewall');
    const second = item(page, 'Open UDP 4500 on the firewall');
    await second.getByRole('button', {name: 'It worked'}).click();
    await expect.poll(() => badge(second)).toBe('worked');
    expect(await second.locator('.lane-text').evaluate(el => getComputedStyle(el).textDecorationLine)).toBe('none');

    // A third, dismissed.
    await addToLane(page, 'suggested_fix', 'Replace the laptop');
    const third = item(page, 'Replace the laptop');
    await third.getByRole('button', {name: 'Dismiss fix'}).click();
    await expect.poll(() => badge(third)).toBe('dismissed');
    await expect.poll(async () => (await rowOf('Replace the laptop'))?.outcome).toBe('dismissed');

    const audited = await stack.sql`select action from audit_log where action like 'taskLane.%'`;
    expect(new Set(audited.map(r => r.action))).toEqual(
      new Set(['taskLane.add', 'taskLane.edit', 'taskLane.remove', 'taskLane.answer', 'taskLane.markFixApplied', 'taskLane.recordFixOutcome']),
    );
    await context.close();
  });
});
