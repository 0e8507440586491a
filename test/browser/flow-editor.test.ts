import type {Browser} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';

/** An engineer authors and publishes a flow in the browser; L1 techs then find it at intake. */
describe('flow authoring and intake', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  it('builds a tree, is stopped by a problem that names the node, publishes; the L1 finds it by search', async () => {
    const engCtx = await browser.newContext();
    const eng = await engCtx.newPage();
    await signInThroughPage(eng, stack.appUrl, 'senior@northwind.test');
    await eng.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Flows'}).click();
    await eng.locator('input[name="flowTitle"]').fill('Teams camera not working');
    await eng.getByRole('button', {name: 'New flow'}).click();
    await eng.getByTestId('flow-status').filter({hasText: 'draft'}).waitFor();

    await eng.getByLabel('Text of start').fill('Is the camera light on?');
    for (const id of ['works', 'no-light', 'orphan']) {
      await eng.getByLabel('New node id').fill(id);
      await eng.getByRole('button', {name: 'Add node'}).click();
    }
    await eng.getByLabel('Text of works').fill("Camera works: check the app's device settings");
    await eng.locator('[data-node="works"] select').first().selectOption('resolution');
    await eng.getByLabel('Text of no-light').fill('Escalate: camera hardware or driver');
    await eng.locator('[data-node="no-light"] select').first().selectOption('resolution');
    await eng.getByLabel('Text of orphan').fill('Nobody gets here');
    await eng.locator('[data-node="orphan"] select').first().selectOption('resolution');

    await eng.getByRole('button', {name: 'Add answer to start'}).click();
    await eng.getByLabel('Answer 1 of start', {exact: true}).fill('Yes');
    await eng.getByLabel('Answer 1 of start leads to').selectOption('works');
    await eng.getByRole('button', {name: 'Add answer to start'}).click();
    await eng.getByLabel('Answer 2 of start', {exact: true}).fill('No');
    await eng.getByLabel('Answer 2 of start leads to').selectOption('no-light');

    // The unreachable node blocks publishing, and the message names it.
    await eng.getByTestId('flow-problems').getByText('Node "orphan" cannot be reached from the start.').waitFor();
    await eng.getByRole('button', {name: 'Save'}).click();
    await eng.getByRole('status').filter({hasText: 'Saved'}).waitFor();
    expect(await eng.getByRole('button', {name: 'Publish'}).isDisabled()).toBe(true);

    await eng.getByRole('button', {name: 'Remove node orphan'}).click();
    await eng.getByRole('heading', {name: 'Ready to publish'}).waitFor();
    await eng.getByRole('button', {name: 'Save'}).click();
    await eng.getByRole('status').filter({hasText: 'Saved'}).waitFor();
    await eng.getByRole('button', {name: 'Publish'}).click();
    await eng.getByTestId('flow-status').filter({hasText: 'published'}).waitFor();

    // Draft a proposal from a problem statement (no key here: Tandem's template).
    await eng.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Flows'}).click();
    await eng.locator('input[name="draftProblem"]').fill('Webcam flickers in meetings');
    await eng.getByRole('button', {name: 'Draft proposal'}).click();
    await eng.getByRole('status').filter({hasText: 'from Tandem’s template, no AI'}).waitFor();
    await eng.getByTestId('proposals').getByText('Webcam flickers in meetings').waitFor();

    // The L1 finds it with the flow search and walks it.
    const l1Ctx = await browser.newContext();
    const l1 = await l1Ctx.newPage();
    await signInThroughPage(l1, stack.appUrl, 'l1@northwind.test');
    await l1.getByLabel('Find a flow').fill('camera');
    await l1.locator('select[name="flowId"] option', {hasText: 'Teams camera not working'}).waitFor({state: 'attached'});
    const options = await l1.locator('select[name="flowId"] option').allTextContents();
    expect(options).toEqual(['No flow: take free-form notes', 'Teams camera not working']);
    await l1.getByPlaceholder(/Outlook keeps asking/).fill('Camera black in Teams');
    await l1.locator('select[name="flowId"]').selectOption({label: 'Teams camera not working'});
    await l1.getByRole('button', {name: 'Start walk'}).click();
    await l1.getByTestId('current-node').getByText('Is the camera light on?').waitFor();
    await l1.getByRole('button', {name: 'No', exact: true}).click();
    await l1.getByTestId('current-node').getByText('Escalate: camera hardware or driver').waitFor();

    // The drafted proposal is walkable too; a helpful resolve validates it.
    await l1.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'L1 workspace'}).click();
    await l1.getByPlaceholder(/Outlook keeps asking/).fill('Flicker on the webcam');
    await l1.locator('select[name="flowId"] option', {hasText: 'Webcam flickers in meetings'}).waitFor({state: 'attached'});
    await l1.locator('select[name="flowId"]').selectOption({label: 'Webcam flickers in meetings'});
    await l1.getByRole('button', {name: 'Start walk'}).click();
    await l1.getByTestId('current-node').getByText('Is the problem still happening right now?').waitFor();
    await l1.getByRole('button', {name: 'No, it stopped'}).click();
    await l1.getByRole('button', {name: 'Resolve walk'}).click();
    await l1.getByRole('dialog', {name: 'Resolve without a resolution note?'}).getByRole('button', {name: 'Resolve without a note'}).click();
    await expect
      .poll(async () => (await stack.sql`select validated_by_outcome from flow_proposal where title = 'Webcam flickers in meetings'`)[0]?.validated_by_outcome)
      .toBe(true);

    // Escalate without a walk, straight from intake.
    await l1.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'L1 workspace'}).click();
    await l1.getByPlaceholder(/Outlook keeps asking/).fill('Whole office offline');
    await l1.getByRole('button', {name: 'Escalate without walk…'}).click();
    await l1.getByLabel('Escalation reason').selectOption('Out of L1 scope');
    await l1.getByRole('button', {name: 'Escalate now'}).click();
    await l1.getByRole('status').filter({hasText: 'Escalated to the handoff queue'}).waitFor();
    await l1.getByTestId('ticket-list').locator('li', {hasText: 'Whole office offline'}).getByText('escalated').waitFor();
    const [w] = await stack.sql`select w.status, w.session_kind from walk w join ticket t on t.id = w.ticket_id where t.problem_statement = 'Whole office offline'`;
    expect(w).toEqual({status: 'escalated', session_kind: 'adhoc'});

    // L1 techs have no Flows screen.
    expect(await l1.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Flows'}).count()).toBe(0);
    await Promise.all([engCtx.close(), l1Ctx.close()]);
  });
});
