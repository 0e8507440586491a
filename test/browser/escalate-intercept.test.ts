import type {Browser, Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';

/**
 * docs/shared-walks.md's escalate intercept in a real browser: with a fix run, Escalate
 * first asks what happened with it; each answer is recorded, then the walk
 * escalates into the queue with what was typed.
 */
describe('the escalate intercept', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  /** An ad-hoc walk whose suggested fix the L1 ran ("I ran this"), with escalation details typed. */
  async function walkWithFixRun(page: Page, problem: string, details: string) {
    await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'L1 workspace'}).click();
    await page.getByPlaceholder(/Outlook keeps asking/).fill(problem);
    await page.getByRole('button', {name: 'Start walk'}).click();
    await page.getByTestId('walk-problem').filter({hasText: problem}).waitFor();
    await page.locator('select[name="laneKind"]').selectOption('suggested_fix');
    await page.locator('input[name="laneText"]').fill(`Restart the print spooler (${problem})`);
    await page.getByRole('button', {name: 'Add', exact: true}).click();
    const fix = page.getByTestId('task-lane').locator('li', {hasText: 'Restart the print spooler'});
    await fix.getByRole('button', {name: 'I ran this'}).click();
    await fix.getByText(/verifying/).waitFor();
    await page.getByLabel('Details (optional)').fill(details);
    await page.getByLabel('Reason').selectOption('Tree dead-ended');
    await page.getByRole('button', {name: 'Escalate', exact: true}).click();
    const dialog = page.getByRole('dialog', {name: /What happened with/});
    await dialog.waitFor();
    return dialog;
  }

  const afterEscalation = async (problem: string) =>
    (
      await stack.sql`select i.outcome, i.failure_reason, i.outcome_note, h.status as handoff_status, h.details, w.status as walk_status
        from ticket t join walk w on w.ticket_id = t.id
        join task_lane_item i on i.walk_id = w.id and i.kind = 'suggested_fix'
        left join handoff h on h.walk_id = w.id
        where t.problem_statement = ${problem}`
    )[0];

  it('records each of the four answers (and Enter), then escalates into the queue with the typed details; Esc and a refusal keep the walk where it was', async () => {
    const [l1Ctx, engCtx] = await Promise.all([browser.newContext(), browser.newContext()]);
    const [l1, eng] = await Promise.all([l1Ctx.newPage(), engCtx.newPage()]);
    await signInThroughPage(l1, stack.appUrl, 'l1@northwind.test');
    await signInThroughPage(eng, stack.appUrl, 'senior@northwind.test');
    await eng.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Queue'}).click();
    const inQueue = (problem: string) => eng.getByTestId('queue').locator('li', {hasText: problem}).waitFor({timeout: 10_000});
    const escalated = (page: Page) => page.getByRole('status').filter({hasText: 'Escalated'}).waitFor();

    // Enter takes the default, "It didn't work"; nothing navigates away.
    let dialog = await walkWithFixRun(l1, 'Invoices stuck in queue', 'Spooler restarted twice, still stuck');
    expect(await dialog.getByRole('radio', {name: "It didn't work"}).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', {name: "It didn't work"}).evaluate(el => el === document.activeElement)).toBe(true);
    const walkUrl = l1.url();
    await l1.keyboard.press('Enter');
    await escalated(l1);
    expect(l1.url()).toBe(walkUrl);
    await expect
      .poll(() => afterEscalation('Invoices stuck in queue'))
      .toEqual({
        outcome: 'applied_failed',
        failure_reason: 'Did not fix the problem',
        outcome_note: null,
        handoff_status: 'open',
        details: 'Spooler restarted twice, still stuck',
        walk_status: 'escalated',
      });
    await inQueue('Invoices stuck in queue');

    // It didn't work, with what happened typed.
    dialog = await walkWithFixRun(l1, 'Labels print blank', 'Happens on every label');
    await dialog.getByLabel(/What happened when it was tried/).fill('Spooler came back, labels still blank');
    await dialog.getByRole('button', {name: 'Record and escalate'}).click();
    await escalated(l1);
    await expect
      .poll(() => afterEscalation('Labels print blank'))
      .toMatchObject({
        outcome: 'applied_failed',
        failure_reason: 'Spooler came back, labels still blank',
        handoff_status: 'open',
        details: 'Happens on every label',
      });
    await inQueue('Labels print blank');

    // It worked, escalating for another reason.
    dialog = await walkWithFixRun(l1, 'Plotter jammed and offline', 'Also needs a new drum');
    await dialog.getByRole('radio', {name: 'It worked, escalating for another reason'}).check();
    await dialog.getByRole('button', {name: 'Record and escalate'}).click();
    await escalated(l1);
    await expect
      .poll(() => afterEscalation('Plotter jammed and offline'))
      .toMatchObject({
        outcome: 'applied_success',
        failure_reason: null,
        handoff_status: 'open',
        details: 'Also needs a new drum',
      });
    await inQueue('Plotter jammed and offline');

    // Partly, with a note (required).
    dialog = await walkWithFixRun(l1, 'Scanner to email half works', 'Only PDFs fail');
    await dialog.getByRole('radio', {name: 'Partly, with a note'}).check();
    await dialog.getByLabel("What worked, what didn't").fill('JPEGs send now, PDFs still bounce');
    await dialog.getByRole('button', {name: 'Record and escalate'}).click();
    await escalated(l1);
    await expect
      .poll(() => afterEscalation('Scanner to email half works'))
      .toMatchObject({
        outcome: 'applied_partial',
        outcome_note: 'JPEGs send now, PDFs still bounce',
        handoff_status: 'open',
        details: 'Only PDFs fail',
      });
    await inQueue('Scanner to email half works');

    // Never applied → dismissed.
    dialog = await walkWithFixRun(l1, 'Badge printer ribbon error', 'Ribbon is new');
    await dialog.getByRole('radio', {name: 'Never applied'}).check();
    await dialog.getByRole('button', {name: 'Record and escalate'}).click();
    await escalated(l1);
    await expect.poll(() => afterEscalation('Badge printer ribbon error')).toMatchObject({outcome: 'dismissed', handoff_status: 'open', details: 'Ribbon is new'});
    await inQueue('Badge printer ribbon error');

    // Esc closes it, focus goes back to Escalate, nothing is recorded; Tab stays inside while open.
    dialog = await walkWithFixRun(l1, 'Fax line dead', 'Line tested by telco');
    for (let i = 0; i < 6; i++) {
      await l1.keyboard.press('Tab');
      expect(await dialog.evaluate(el => el.contains(document.activeElement))).toBe(true);
    }
    await l1.keyboard.press('Escape');
    await dialog.waitFor({state: 'hidden'});
    expect(await l1.getByRole('button', {name: 'Escalate', exact: true}).evaluate(el => el === document.activeElement)).toBe(true);
    await expect.poll(() => afterEscalation('Fax line dead')).toMatchObject({outcome: 'proposed', handoff_status: null, walk_status: 'active'});

    // A refusal (the fix was settled elsewhere meanwhile) keeps the dialog open with the error; no escalation.
    await l1.getByRole('button', {name: 'Escalate', exact: true}).click();
    await dialog.waitFor();
    await stack.sql`update task_lane_item set outcome = 'applied_success', state = 'done'
      where walk_id = (select w.id from walk w join ticket t on t.id = w.ticket_id where t.problem_statement = 'Fax line dead')`;
    await l1.getByTestId('task-lane').locator('li', {hasText: 'Restart the print spooler'}).getByText('worked').waitFor();
    await dialog.getByRole('button', {name: 'Record and escalate'}).click();
    await dialog.getByRole('alert').filter({hasText: /final/}).waitFor();
    expect(await dialog.isVisible()).toBe(true);
    await expect.poll(() => afterEscalation('Fax line dead')).toMatchObject({outcome: 'applied_success', handoff_status: null, walk_status: 'active'});
    await dialog.getByRole('button', {name: 'Cancel'}).click();
    await dialog.waitFor({state: 'hidden'});
    await Promise.all([l1Ctx.close(), engCtx.close()]);
  });
});
