import type {Browser} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';

/**
 * docs/shared-walks.md's take-over as a handshake, in two real browsers: both screens are
 * told, what the L1 had typed and not saved stays in view (and can go to the
 * lane, which stays open to them), and the engineer hands the walk back.
 */
describe('take-over handshake', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  it('keeps the L1’s unsaved step note, lane text and escalation details through a take-over, lets them add to the lane, and hands back', async () => {
    const [l1Ctx, engCtx] = await Promise.all([browser.newContext(), browser.newContext()]);
    const [l1, eng] = await Promise.all([l1Ctx.newPage(), engCtx.newPage()]);
    await signInThroughPage(l1, stack.appUrl, 'l1@northwind.test');
    await signInThroughPage(eng, stack.appUrl, 'senior@northwind.test');

    await l1.getByPlaceholder(/Outlook keeps asking/).fill('Outlook asks for the password every hour');
    await l1.locator('select[name="flowId"]').selectOption({label: "Outlook won't connect"});
    await l1.getByRole('button', {name: 'Start walk'}).click();
    await l1.locator('[data-node-id="start"]').waitFor();
    await eng.goto(l1.url());
    await eng.getByTestId('walk-problem').filter({hasText: 'Outlook asks for the password'}).waitFor();
    await l1.getByTestId('presence').getByText('Sam Senior · watching').waitFor();

    // The L1 is mid-sentence in three places when the engineer takes over.
    await l1.getByLabel('Note for this step (optional)').fill('Started after the password change on Monday');
    await l1.locator('input[name="laneText"]').fill('Ask whether the phone prompts too');
    await l1.getByLabel('Details (optional)').fill('User is travelling, on hotel wifi');
    await eng.getByRole('button', {name: 'Take over'}).click();

    // Both screens say so.
    await eng.getByTestId('driver-notice').filter({hasText: "You're driving now"}).waitFor();
    await l1.getByTestId('driver-notice').filter({hasText: "Sam Senior took over; you're watching now"}).waitFor();
    await l1.getByText('driven by Sam Senior').waitFor();
    expect(await l1.getByRole('button', {name: 'Escalate', exact: true}).count()).toBe(0);

    // Nothing typed is lost: the step note and the escalation details stay in view; the lane text stays in the lane's field.
    const drafts = l1.getByTestId('unsaved-drafts');
    await drafts.locator('[data-draft="stepNote"] textarea').waitFor();
    expect(await drafts.locator('[data-draft="stepNote"] textarea').inputValue()).toBe('Started after the password change on Monday');
    expect(await drafts.locator('[data-draft="escalationDetails"] textarea').inputValue()).toBe('User is travelling, on hotel wifi');
    expect(await l1.locator('input[name="laneText"]').inputValue()).toBe('Ask whether the phone prompts too');

    // The lane is still open to the L1: the typed question goes in, and the step note becomes a fact.
    await l1.locator('select[name="laneKind"]').selectOption('question');
    await l1.getByRole('button', {name: 'Add', exact: true}).click();
    const question = eng.getByTestId('task-lane').locator('li', {hasText: 'Ask whether the phone prompts too'});
    await question.waitFor();
    await question.getByText('from Lee Linden').waitFor();
    await drafts.locator('[data-draft="stepNote"]').getByRole('button', {name: 'Add to the lane'}).click();
    await eng.getByTestId('task-lane').locator('li.lane-fact', {hasText: 'Started after the password change on Monday'}).waitFor();
    await drafts.locator('[data-draft="stepNote"]').waitFor({state: 'detached'});
    // Changing items stays with the driver and engineers.
    expect(await l1.getByTestId('task-lane').getByRole('button', {name: 'Dismiss'}).count()).toBe(0);

    // The engineer hands the walk back; the L1 drives again with their escalation details back in place.
    await eng.getByRole('button', {name: 'Hand back to Lee Linden'}).click();
    await l1.getByText('driven by you').waitFor();
    await eng.getByText('driven by Lee Linden').waitFor();
    await eng.getByTestId('presence').getByText('Lee Linden · driving').waitFor();
    expect(await l1.getByLabel('Details (optional)').inputValue()).toBe('User is travelling, on hotel wifi');
    expect(await l1.getByTestId('driver-notice').count()).toBe(0);
    await l1.getByRole('button', {name: 'Yes, mail loads in the browser'}).click();
    await eng.getByTestId('path').getByText('Yes, mail loads in the browser').waitFor();

    const actions = await stack.sql`select action from audit_log where action in ('walk.takeOver', 'walk.handBack') order by at`;
    expect(actions.map(a => a.action)).toEqual(['walk.takeOver', 'walk.handBack']);
    await Promise.all([l1Ctx.close(), engCtx.close()]);
  });
});
