import type {Browser, Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';

/** The L1's day in a real browser: walk a seeded flow to its resolution, resolve; escalate another. */
describe('the L1 walker', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  async function startWalk(page: Page, problem: string, flowTitle?: string) {
    await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'L1 workspace'}).click();
    await page.getByPlaceholder(/Outlook keeps asking/).fill(problem);
    if (flowTitle) await page.locator('select[name="flowId"]').selectOption({label: flowTitle});
    await page.getByRole('button', {name: 'Start walk'}).click();
    await page.getByTestId('walk-problem').filter({hasText: problem}).waitFor();
  }
  const node = (page: Page) => page.getByTestId('current-node');

  it('walks “Printer offline” to a resolution (with a step back and a reload), resolves; escalates another; the queue shows both', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, stack.appUrl, 'l1@northwind.test');

    await startWalk(page, 'Accounting cannot print invoices', 'Printer offline');
    await node(page).filter({hasText: "Is it only you who can't print"}).waitFor();
    await page.getByRole('button', {name: 'Nobody can print to it'}).click();
    await node(page).and(page.locator('[data-node-id="printer-panel"]')).waitFor();
    expect(await page.getByTestId('path').getByText('Nobody can print to it').count()).toBe(1);

    // Back is recorded, never erases history.
    await page.getByRole('button', {name: '← Back'}).click();
    await page.locator('[data-node-id="start"]').waitFor();
    await page.getByTestId('path').getByText('↩ Stepped back').waitFor();

    await page.getByLabel('Note for this step (optional)').fill('Only the accounting PC');
    await page.getByRole('button', {name: 'Just this user'}).click();
    await page.locator('[data-node-id="clear-queue"]').waitFor();

    // Reload-proof: the walk comes back exactly where it was.
    await page.reload();
    await page.locator('[data-node-id="clear-queue"]').waitFor({timeout: 30_000});
    await page.getByTestId('path').getByText('Only the accounting PC').waitFor();

    await page.getByRole('button', {name: 'Test page prints'}).click();
    await page.locator('[data-node-id="resolved-queue"]').waitFor();
    await node(page).getByText('Resolution').waitFor();

    // The resolution note: written in a wide dialog, drafted by the server (no key here: the local
    // writer), edited, kept across a reload, posted with its line breaks.
    await page.getByRole('button', {name: 'Write resolution note'}).click();
    const noteDialog = page.getByRole('dialog', {name: 'Resolution note'});
    expect((await noteDialog.boundingBox())!.width).toBeGreaterThan(page.viewportSize()!.width * 0.6);
    await noteDialog.getByRole('button', {name: 'Draft resolution note'}).click();
    const preview = page.getByLabel('Resolution note preview');
    await expect.poll(() => preview.inputValue().catch(() => '')).toContain('Root cause');
    await page.getByTestId('note-writer').filter({hasText: 'local writer'}).waitFor();
    expect(await preview.inputValue()).toContain('Problem\nAccounting cannot print invoices');
    await preview.fill(`${await preview.inputValue()}\nCustomer confirmed printing works.`);
    await expect.poll(async () => (await stack.sql`select draft from generated_text`)[0]?.draft ?? '').toContain('Customer confirmed printing works.');
    await page.reload();
    await page.getByRole('button', {name: 'Write resolution note'}).click();
    await expect.poll(() => preview.inputValue().catch(() => '')).toContain('Customer confirmed printing works.');
    await noteDialog.getByRole('button', {name: 'Use this note'}).click();
    await noteDialog.getByRole('button', {name: 'Done'}).click();
    await noteDialog.waitFor({state: 'hidden'});
    await page.getByRole('button', {name: 'Resolve walk'}).click();
    await page.getByRole('status').filter({hasText: 'Resolved'}).waitFor();
    // Posted, the note keeps its lines.
    const posted = page.getByTestId('walk-resolved').locator('.resolution-notes');
    await posted.filter({hasText: 'Customer confirmed printing works.'}).waitFor();
    expect(await posted.evaluate(el => getComputedStyle(el).whiteSpace)).toBe('pre-wrap');
    expect(await posted.evaluate(el => (el as HTMLElement).innerText)).toContain('Problem\nAccounting cannot print invoices');

    // A second call, escalated.
    await startWalk(page, 'Server room temperature alarm');
    await page.getByRole('textbox', {name: 'Notes', exact: true}).fill('Alarm panel shows 31°C');
    await page.getByTestId('notes-state').filter({hasText: 'Saved'}).waitFor();
    await page.getByLabel('Reason').selectOption('Tree dead-ended');
    await page.getByRole('button', {name: 'Escalate', exact: true}).click();
    await page.getByRole('status').filter({hasText: 'Escalated'}).waitFor();

    await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Tickets'}).click();
    const list = page.getByTestId('ticket-list');
    await list.locator('li', {hasText: 'Accounting cannot print invoices'}).getByText('resolved').waitFor();
    await list.locator('li', {hasText: 'Server room temperature alarm'}).getByText('escalated').waitFor();

    await expect
      .poll(
        async () =>
          (
            await stack.sql`select w.step_count, w.status from walk w join ticket t on t.id = w.ticket_id where t.problem_statement = 'Accounting cannot print invoices'`
          )[0],
      )
      .toEqual({step_count: 4, status: 'resolved'});
    const [ticket] = await stack.sql`select resolution_notes from ticket where problem_statement = 'Accounting cannot print invoices'`;
    expect(ticket.resolution_notes).toContain('Customer confirmed printing works.');
    expect(ticket.resolution_notes).toContain('Resolution');
    await context.close();
  });
});
