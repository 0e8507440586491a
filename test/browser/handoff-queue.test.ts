import type {Browser} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';

/**
 * The moment Tandem is sold on: the L1 escalates, the card arrives in the
 * engineers' open queues without reload, one picks it up and reads the
 * handoff; the other is told who got it.
 */
describe('live handoff queue', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  it('escalation arrives live; one engineer picks it up and sees the context; the other sees "Already claimed by"', async () => {
    const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
    const [l1, senior, owner] = await Promise.all(contexts.map(c => c.newPage()));
    await signInThroughPage(l1, stack.appUrl, 'l1@northwind.test');
    await signInThroughPage(senior, stack.appUrl, 'senior@northwind.test');
    await signInThroughPage(owner, stack.appUrl, 'owner@northwind.test');
    for (const page of [senior, owner]) {
      await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Queue'}).click();
      await page.getByText('Nothing waiting. Nice.').waitFor();
    }
    expect(await senior.getByTestId('queue').getAttribute('aria-live')).toBe('polite');
    // The owner's metrics panel, read once it has loaded: it must follow the claim below without a reload.
    const claimedCount = owner.getByTestId('metrics').locator('tr', {hasText: 'Time to claim'}).locator('td').first();
    await expect.poll(async () => claimedCount.textContent()).toMatch(/^\d+$/);
    const claimedBefore = Number(await claimedCount.textContent());

    // The L1 walks a bit, then escalates.
    await l1.getByPlaceholder(/Outlook keeps asking/).fill('CEO cannot reach the file server');
    await l1.locator('select[name="flowId"]').selectOption({label: 'VPN keeps dropping'});
    await l1.getByRole('button', {name: 'Start walk'}).click();
    await l1.getByTestId('current-node').waitFor();
    await l1.getByTestId('current-node').getByRole('button').first().click();
    await l1.getByTestId('path').locator('li').first().waitFor();
    await l1.getByLabel('Reason').selectOption('Customer demanding senior');
    await l1.getByLabel('Details (optional)').fill('CEO is on a deadline');
    await l1.getByRole('button', {name: 'Escalate', exact: true}).click();
    await l1.getByRole('status').filter({hasText: 'Escalated'}).waitFor();

    // Arrives in both open queues without reload, unread.
    const seniorCard = senior.getByTestId('queue').locator('li', {hasText: 'CEO cannot reach the file server'});
    const ownerCard = owner.getByTestId('queue').locator('li', {hasText: 'CEO cannot reach the file server'});
    await seniorCard.waitFor({timeout: 10_000});
    await ownerCard.waitFor({timeout: 10_000});
    await seniorCard.getByLabel('unread').waitFor();

    // Keyboard: focus the card and press Enter to open its context view; the dot clears.
    await seniorCard.locator('button.queue-open').focus();
    await senior.keyboard.press('Enter');
    const context = senior.getByTestId('handoff-context');
    await context.getByText('Customer demanding senior', {exact: true}).waitFor();
    await context.getByText("What we've confirmed").waitFor();
    await context.getByText('Suggested next steps').waitFor();
    await seniorCard.getByLabel('unread').waitFor({state: 'detached'});

    // The owner opens it too, then the senior picks it up first.
    await ownerCard.locator('button.queue-open').click();
    await owner.getByTestId('handoff-context').getByRole('button', {name: 'Pick up'}).waitFor();
    await context.getByRole('button', {name: 'Pick up'}).click();
    await context.getByRole('button', {name: 'Start here'}).waitFor();
    await owner.getByTestId('queue').locator('li', {hasText: 'CEO cannot reach the file server'}).waitFor({state: 'detached'});
    // The owner's open context view now says who has it.
    await owner
      .getByTestId('handoff-context')
      .getByText(/Picked up by Sam Senior/)
      .waitFor();
    await owner
      .getByTestId('metrics')
      .locator('tr', {hasText: 'Time to claim'})
      .locator('td')
      .first()
      .filter({hasText: String(claimedBefore + 1)})
      .waitFor();

    // The package can be corrected before it is relied on; the edit is what everyone reads.
    await context.getByRole('button', {name: 'Edit package'}).click();
    await context.getByLabel('Current hypothesis').fill('File server share permissions changed overnight.');
    await context.getByRole('button', {name: 'Save package'}).click();
    await context.getByText('File server share permissions changed overnight.').waitFor();
    await context.getByText(/Edited by a person/).waitFor();

    // "Start here" opens the walk, now driven by the engineer, at its latest state.
    await context.getByRole('button', {name: 'Start here'}).click();
    await senior.getByTestId('walk-problem').filter({hasText: 'CEO cannot reach the file server'}).waitFor();
    await senior.getByText('driven by you').waitFor();
    await senior.getByTestId('current-node').getByRole('button').first().waitFor();
    await senior.getByText('Reopen the handoff context').waitFor();
    expect(await senior.getByTestId('suggested-steps').locator('.chip').count()).toBeGreaterThanOrEqual(2);

    const [sam] = await stack.sql`select id from member where email = 'senior@northwind.test'`;
    await expect
      .poll(
        async () =>
          (
            await stack.sql`select h.status, h.claimed_by from handoff h join ticket t on t.id = h.ticket_id where t.problem_statement = 'CEO cannot reach the file server'`
          )[0],
      )
      .toEqual({status: 'claimed', claimed_by: sam.id});
    await Promise.all(contexts.map(c => c.close()));
  });

  it('a pick-up that loses the race rolls back and says who has it', async () => {
    const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
    const [l1, owner] = await Promise.all(contexts.map(c => c.newPage()));
    await signInThroughPage(l1, stack.appUrl, 'l1b@northwind.test');
    await signInThroughPage(owner, stack.appUrl, 'owner@northwind.test');
    await owner.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Queue'}).click();

    await l1.getByPlaceholder(/Outlook keeps asking/).fill('Shared mailbox missing');
    await l1.getByRole('button', {name: 'Start walk'}).click();
    await l1.getByLabel('Reason').selectOption('Out of L1 scope');
    await l1.getByRole('button', {name: 'Escalate', exact: true}).click();
    const card = owner.getByTestId('queue').locator('li', {hasText: 'Shared mailbox missing'});
    await card.waitFor({timeout: 10_000});
    await card.locator('button.queue-open').click();
    const pickUp = owner.getByTestId('handoff-context').getByRole('button', {name: 'Pick up'});
    await pickUp.waitFor();

    // The owner's connection drops just as they press Pick up: the claim is
    // optimistic and queued. Meanwhile another engineer wins on the server.
    await contexts[1].setOffline(true);
    await pickUp.click();
    // Not a win until the server says so: "Claiming…", never "Start here".
    await owner.getByTestId('handoff-context').getByTestId('claiming').filter({hasText: 'Claiming…'}).waitFor();
    expect(await owner.getByTestId('handoff-context').getByRole('button', {name: 'Start here'}).count()).toBe(0);
    const [cover] = await stack.sql`select id from member where email = 'cover@northwind.test'`;
    const [h] = await stack.sql`select h.id from handoff h join ticket t on t.id = h.ticket_id where t.problem_statement = 'Shared mailbox missing'`;
    await stack.sql`update handoff set status = 'claimed', claimed_by = ${cover.id}, claimed_at = ${Date.now()} where id = ${h.id}`;
    await contexts[1].setOffline(false);

    // On reconnect the server refuses; the optimistic claim rolls back and the holder is named, once.
    await owner
      .getByTestId('claim-refused')
      .filter({hasText: /Already claimed by Casey Cover \d+s ago/})
      .waitFor({timeout: 30_000});
    expect(
      await owner
        .getByTestId('handoff-context')
        .getByText(/Casey Cover/)
        .count(),
    ).toBe(1);
    expect(await owner.getByTestId('handoff-context').getByTestId('claiming').count()).toBe(0);
    expect(await owner.getByTestId('handoff-context').getByRole('button', {name: 'Start here'}).count()).toBe(0);
    // Sync carries on: the owner's connection is healthy, not stuck in an error.
    await owner.getByRole('status').filter({hasText: 'Online'}).waitFor();
    const [row] = await stack.sql`select claimed_by from handoff where id = ${h.id}`;
    expect(row.claimed_by).toBe(cover.id);
    await Promise.all(contexts.map(c => c.close()));
  });
});
