import type {Browser, Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {demoFlows} from '../../server/seed/demo-flows.ts';
import {signInThroughPage} from '../support/browser.ts';
import {pushMutation} from '../support/push.ts';
import {signIn, type Session} from '../support/sign-in.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';
import {eventually} from '../support/zero-client.ts';

/**
 * "That customer called yesterday about the VPN": the L1 finds yesterday's
 * ticket by customer and by a word of its problem, opens its page, reads
 * the earlier walk (with the step that was taken back) and its handoff, and
 * continues it with a new walk that an engineer on the same page sees live.
 */
describe('tickets people can find and follow', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));
  const vpn = demoFlows.find(f => f.title === 'VPN keeps dropping')!;

  async function must(session: Session, name: string, args: unknown) {
    const {answer, result} = await pushMutation(stack.appUrl, {token: session.token}, name, args);
    if (!result?.ok) throw new Error(`${name} failed: ${answer.text.slice(0, 300)}`);
  }

  /** Yesterday's call: walked, one answer taken back, escalated, picked up and resolved by the senior. */
  async function yesterdaysCall() {
    const l1 = await signIn(stack.appUrl, 'l1@northwind.test');
    const senior = await signIn(stack.appUrl, 'senior@northwind.test');
    const ticketId = crypto.randomUUID();
    const walkId = crypto.randomUUID();
    const handoffId = crypto.randomUUID();
    await must(l1, 'ticket.intake', {
      ticketId,
      walkId,
      problemStatement: 'VPN drops every hour since the router swap',
      customerName: 'Fabrikam Dental',
      customerContact: 'Dana Diaz 555-0101',
      flowId: vpn.id,
    });
    await must(l1, 'walk.recordStep', {walkId, nodeId: 'start', optionId: 'scope-many'});
    await must(l1, 'walk.stepBack', {walkId});
    await must(l1, 'walk.recordStep', {walkId, nodeId: 'start', optionId: 'scope-single'});
    await must(l1, 'walk.escalate', {walkId, handoffId, reasonCategory: 'Out of L1 scope', details: 'needs the firewall logs'});
    await must(senior, 'handoff.claim', {handoffId});
    await must(senior, 'handoff.resolve', {handoffId, resolutionNotes: 'Raised the router’s idle timeout'});
    // Other calls around it, so that finding it means something.
    for (const [problem, customerName] of [
      ['Printer offline on floor 2', 'Fabrikam Dental'],
      ['VPN will not connect at all', 'Contoso Pharmacy'],
    ]) {
      await must(l1, 'ticket.intake', {ticketId: crypto.randomUUID(), walkId: crypto.randomUUID(), problemStatement: problem, customerName});
    }
    const yesterday = Date.now() - 24 * 60 * 60 * 1000;
    await stack.sql`update ticket set created_at = ${yesterday} where id = ${ticketId}`;
    const [{ref}] = await stack.sql<{ref: string}[]>`select ref from ticket where id = ${ticketId}`;
    return {ticketId, ref};
  }

  const results = (page: Page) => page.getByTestId('ticket-list').locator('li');

  it('an L1 finds yesterday’s ticket, reads its history and starts a new walk an engineer sees live', async () => {
    const {ticketId, ref} = await yesterdaysCall();
    expect(ref).toMatch(/^NW-\d+$/);
    const [l1Ctx, seniorCtx] = await Promise.all([browser.newContext(), browser.newContext()]);
    const [l1, senior] = await Promise.all([l1Ctx.newPage(), seniorCtx.newPage()]);
    await signInThroughPage(l1, stack.appUrl, 'l1@northwind.test');
    await signInThroughPage(senior, stack.appUrl, 'senior@northwind.test');

    // "/" anywhere opens the search with the cursor in the box.
    await l1.locator('body').press('/');
    const box = l1.getByLabel('Search tickets');
    await box.waitFor();
    await l1.waitForFunction(() => document.activeElement?.id === 'ticket-search');

    // By customer: both of Fabrikam's tickets, nobody else's.
    await l1.keyboard.type('fabrikam');
    await results(l1).filter({hasText: 'VPN drops every hour'}).waitFor();
    await results(l1).filter({hasText: 'Printer offline on floor 2'}).waitFor();
    expect(await results(l1).filter({hasText: 'Contoso Pharmacy'}).count()).toBe(0);

    // By a word of the problem: only that one.
    await box.fill('router');
    await results(l1).filter({hasText: 'Printer offline'}).waitFor({state: 'detached'});
    await results(l1).filter({hasText: 'VPN drops every hour'}).waitFor();
    expect(await results(l1).count()).toBe(1);
    await results(l1).first().getByText(ref).waitFor();

    // Its page: the earlier walk with the undone answer, and its handoff.
    await results(l1).first().getByRole('link', {name: 'VPN drops every hour since the router swap'}).click();
    await l1.waitForURL(`**/tickets/${ticketId}`);
    const page = l1.getByTestId('ticket-page');
    await page.getByRole('heading', {name: new RegExp(ref)}).waitFor();
    await page.getByTestId('ticket-customer').filter({hasText: 'Fabrikam Dental'}).waitFor();
    await page.getByTestId('ticket-customer').filter({hasText: 'Dana Diaz 555-0101'}).waitFor();
    const walkEntry = page.getByTestId('timeline-walk');
    await walkEntry.first().waitFor();
    expect(await walkEntry.count()).toBe(1);
    await walkEntry.locator('li[data-undone]').filter({hasText: 'Several users are dropping too'}).waitFor();
    await walkEntry.locator('li:not([data-undone])').filter({hasText: 'Just this user'}).waitFor();
    const handoff = page.getByTestId('timeline-handoff');
    await handoff.filter({hasText: 'Escalated by Lee Linden: Out of L1 scope'}).waitFor();
    await handoff.filter({hasText: 'needs the firewall logs'}).waitFor();
    await handoff.locator('.row-meta', {hasText: 'Claimed by Sam Senior'}).waitFor();
    await handoff.locator('.row-meta', {hasText: /Resolved$/}).waitFor();
    await page.getByTestId('resolution-note').getByText('Raised the router’s idle timeout').waitFor();

    // The engineer has the same page open.
    await senior.goto(`${stack.appUrl}/tickets/${ticketId}`);
    await senior.getByTestId('timeline-walk').first().waitFor();
    expect(await senior.getByTestId('timeline-walk').count()).toBe(1);

    // The L1 continues the ticket with a new walk of the VPN flow …
    await page.locator('select[name="newWalkFlow"]').selectOption({label: 'VPN keeps dropping'});
    await page.getByRole('button', {name: 'Start a new walk'}).click();
    await l1.waitForURL('**/walks/**');
    await l1.getByTestId('current-node').waitFor();

    // … and the engineer sees it arrive on the ticket page, live.
    await senior.getByTestId('timeline-walk').nth(1).waitFor({timeout: 15_000});
    await senior.getByTestId('timeline-walk').nth(1).filter({hasText: 'Walk by Lee Linden · VPN keeps dropping'}).waitFor();
    await senior.getByText('A walk is in progress').waitFor();
    await senior.getByTestId('ticket-page').getByText('walking', {exact: true}).first().waitFor();
    await Promise.all([l1Ctx.close(), seniorCtx.close()]);
  });
  it('intake suggests a known customer with its recent tickets; the customer page lists them; a resolved ticket is reopened and closed with a reason', async () => {
    const l1 = await signIn(stack.appUrl, 'l1@northwind.test');
    const ticketId = crypto.randomUUID();
    const walkId = crypto.randomUUID();
    await must(l1, 'ticket.intake', {
      ticketId,
      walkId,
      problemStatement: 'Scanner emails never arrive',
      customerName: 'Litware Inc',
      customerContact: 'Pat 555-0199',
    });
    await must(l1, 'walk.resolve', {walkId, helpful: true, resolutionNotes: 'Fixed the SMTP relay password on the scanner'});
    const [{ref}] = await stack.sql<{ref: string}[]>`select ref from ticket where id = ${ticketId}`;

    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signInThroughPage(page, stack.appUrl, 'l1@northwind.test');
    await page.getByLabel('Customer name').fill('litw');
    const suggestions = page.getByTestId('customer-suggestions');
    await suggestions.getByRole('button', {name: /Litware Inc/}).click();
    expect(await page.getByLabel('Customer name').inputValue()).toBe('Litware Inc');
    expect(await page.getByLabel('Contact').inputValue()).toBe('Pat 555-0199');
    // Known now: its recent tickets and how they ended.
    const recent = suggestions.getByTestId('customer-tickets').locator('li', {hasText: 'Scanner emails never arrive'});
    await recent.getByText('Fixed the SMTP relay password', {exact: false}).waitFor();
    await recent.getByText('resolved', {exact: true}).waitFor();

    // Its ticket page, then the customer's page.
    await recent.getByRole('link', {name: ref}).click();
    await page.waitForURL(`**/tickets/${ticketId}`);
    await page.getByTestId('ticket-customer').getByRole('link', {name: 'Litware Inc'}).click();
    await page.waitForURL('**/customers/**');
    await page.getByTestId('customer-page').getByRole('heading', {name: 'Litware Inc'}).waitFor();
    await page.getByTestId('customer-tickets').locator('li', {hasText: 'Scanner emails never arrive'}).waitFor();

    // Reopen, then close with a reason.
    await page.getByTestId('customer-tickets').getByRole('link', {name: ref}).click();
    await page.getByRole('button', {name: 'Reopen ticket'}).click();
    await page.getByTestId('ticket-page').locator('.page-head').getByText('open', {exact: true}).waitFor();
    await page.getByLabel('Reason for closing').fill('Customer replaced the scanner');
    await page.getByRole('button', {name: 'Close ticket'}).click();
    await page.getByTestId('closed-reason').filter({hasText: 'Customer replaced the scanner'}).waitFor();
    await page.getByTestId('ticket-page').locator('.page-head').getByText('resolved', {exact: true}).waitFor();
    // The server has it too (what the page showed first was the optimistic change).
    await eventually(
      async () => (await stack.sql`select status, closed_reason from ticket where id = ${ticketId}`)[0],
      row => row.status === 'resolved' && row.closed_reason === 'Customer replaced the scanner',
    );
    await ctx.close();
  });
});
