import type {Browser, Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';

/** Records every state the handoff context passes through: picking up, claiming, won ("Start here"), other. */
async function watchClaimStates(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as {claimStates: string[]};
    w.claimStates = [];
    const record = () => {
      const frame = document.querySelector('[data-testid="handoff-context"]');
      if (!frame) return;
      const buttons = Array.from(frame.querySelectorAll('button')).map(b => b.textContent?.trim());
      const state = frame.querySelector('[data-testid="claiming"]')
        ? 'claiming'
        : buttons.includes('Start here') || buttons.includes('Release to queue')
          ? 'won'
          : buttons.includes('Pick up')
            ? 'pick up'
            : 'other';
      if (w.claimStates[w.claimStates.length - 1] !== state) w.claimStates.push(state);
    };
    new MutationObserver(record).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
    record();
  });
}
const claimStates = (page: Page) => page.evaluate(() => (window as unknown as {claimStates: string[]}).claimStates);

/**
 * docs/handoff.md in real browsers: two engineers pick up the same escalation at
 * once; the winner is told only once the server confirmed, the loser once,
 * by name. The L1 who escalated is told, on their walk and in their list,
 * who picked it up, that it was released, and that it was resolved.
 */
describe('claim race and the escalator’s notices', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  it('one winner sees Claiming… then Start here, the loser one message naming the holder; the L1 sees pick-up, release and resolve live', async () => {
    const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
    const [l1, senior, owner] = await Promise.all(contexts.map(c => c.newPage()));
    const l1List = await contexts[0].newPage();
    await signInThroughPage(l1, stack.appUrl, 'l1@northwind.test');
    await signInThroughPage(senior, stack.appUrl, 'senior@northwind.test');
    await signInThroughPage(owner, stack.appUrl, 'owner@northwind.test');
    await l1List.goto(stack.appUrl);
    for (const page of [senior, owner]) await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Queue'}).click();

    await l1.getByPlaceholder(/Outlook keeps asking/).fill('Payroll share is read-only');
    await l1.getByRole('button', {name: 'Start walk'}).click();
    await l1.getByLabel('Reason').selectOption('Out of L1 scope');
    await l1.getByRole('button', {name: 'Escalate', exact: true}).click();
    const walkStory = l1.getByTestId('escalation-story');
    await walkStory.filter({hasText: 'Waiting for an engineer'}).waitFor();
    const listStory = l1List.getByTestId('ticket-list').locator('li', {hasText: 'Payroll share is read-only'}).getByTestId('escalation-story');
    await listStory.filter({hasText: 'Waiting for an engineer'}).waitFor();

    // Both engineers open it and press Pick up at once.
    for (const page of [senior, owner]) {
      const card = page.getByTestId('queue').locator('li', {hasText: 'Payroll share is read-only'});
      await card.waitFor({timeout: 10_000});
      await card.locator('button.queue-open').click();
      await page.getByTestId('handoff-context').getByRole('button', {name: 'Pick up'}).waitFor();
      await watchClaimStates(page);
    }
    await Promise.all([senior, owner].map(p => p.getByTestId('handoff-context').getByRole('button', {name: 'Pick up'}).click()));

    const handoffRow = async () =>
      (
        await stack.sql`select h.id, h.status, m.email, m.name from handoff h join ticket t on t.id = h.ticket_id
        left join member m on m.id = h.claimed_by where t.problem_statement = 'Payroll share is read-only'`
      )[0];
    await expect.poll(async () => (await handoffRow()).status).toBe('claimed');
    const {email: winnerEmail, name: winnerName} = await handoffRow();
    const [winner, loser] = winnerEmail === 'senior@northwind.test' ? [senior, owner] : [owner, senior];

    // The winner: Claiming… until the server confirmed, then Start here.
    await winner.getByTestId('handoff-context').getByRole('button', {name: 'Start here'}).waitFor();
    expect(await claimStates(winner)).toEqual(['pick up', 'claiming', 'won']);
    // The loser: exactly one message, naming the holder; never a win on screen.
    const loserFrame = loser.getByTestId('handoff-context');
    await loserFrame
      .getByTestId('claim-refused')
      .filter({hasText: new RegExp(`Already claimed by ${winnerName} \\d+s ago`)})
      .waitFor();
    expect(await loserFrame.getByText(new RegExp(winnerName)).count()).toBe(1);
    expect(await loserFrame.getByTestId('claiming').count()).toBe(0);
    const seen = await claimStates(loser);
    expect(seen).toContain('claiming');
    expect(seen).not.toContain('won');

    // The L1 is told who picked it up, on the walk and in their list.
    await walkStory.filter({hasText: `Picked up by ${winnerName}`}).waitFor();
    await listStory.filter({hasText: `Picked up by ${winnerName}`}).waitFor();

    // Released: the L1 sees it back in the queue.
    await winner.getByTestId('handoff-context').getByRole('button', {name: 'Release to queue'}).click();
    await walkStory.filter({hasText: 'Released back to the queue'}).waitFor();
    await listStory.filter({hasText: 'Released back to the queue'}).waitFor();

    // The other engineer picks it up now and resolves it; the L1 sees who closed it, the note with its lines.
    await loserFrame.getByRole('button', {name: 'Pick up'}).click();
    await loserFrame.getByRole('button', {name: 'Start here'}).waitFor();
    expect(await loserFrame.getByTestId('claim-refused').count()).toBe(0);
    const loserName = (await handoffRow()).name;
    await walkStory.filter({hasText: `Picked up by ${loserName}`}).waitFor();
    await loserFrame.getByRole('button', {name: 'Resolve…'}).click();
    const resolveDialog = loser.getByRole('dialog', {name: /Resolve “Payroll share is read-only”/});
    expect((await resolveDialog.boundingBox())!.width).toBeGreaterThan(loser.viewportSize()!.width * 0.6);
    await resolveDialog.getByLabel('Resolution notes').fill('Share ACL had lost the Payroll group.\nRe-added it; user confirmed write access.');
    await resolveDialog.getByRole('button', {name: 'Resolve handoff'}).click();
    await resolveDialog.waitFor({state: 'hidden'});
    const resolved = l1.getByTestId('walk-resolved');
    await resolved.filter({hasText: `${loserName} closed it`}).waitFor();
    expect(await resolved.locator('.resolution-notes').evaluate(el => (el as HTMLElement).innerText)).toBe(
      'Share ACL had lost the Payroll group.\nRe-added it; user confirmed write access.',
    );
    await listStory.filter({hasText: `${loserName} closed it`}).waitFor();
    await Promise.all(contexts.map(c => c.close()));
  });
});
