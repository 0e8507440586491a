import type {Browser, Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {titleFromProblem} from '../../rules/ticket-title.ts';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';
import {goInApp} from '../support/walks-through-page.ts';

const WORDY =
  'Since the office moved to the new building on Friday the VPN drops every few minutes for the whole finance team. ' +
  'The month-end close in the accounting system keeps failing halfway through and has to be restarted from the beginning, ' +
  'which has already cost them two days. They tried the other Wi-Fi network, a cable in the meeting room and the hotspot of ' +
  'a phone, with the same result every time; the controller says the old office never had this and wants someone on site ' +
  'before Wednesday, when the auditors arrive and need the numbers from the close.';
const NO_TITLE =
  'Every shared mailbox disappeared from Outlook for the sales people after the weekend updates were installed overnight\n' +
  'They can still open them in Outlook on the web.';

/**
 * Short titles (issue #21): typed at intake beside the full description,
 * shown in the queue card, the ticket lists and the headings, the full
 * problem one click away; without one, the title made from the problem's
 * first line.
 */
describe('a short title at intake', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  const rowOf = (page: Page, listTestId: string, text: string) => page.getByTestId(listTestId).locator('li', {hasText: text});

  it('the title shows in the queue card, the ticket lists and the headings, the full problem behind "Show all"; without one a derived title shows', async () => {
    const l1 = await (await browser.newContext()).newPage();
    await signInThroughPage(l1, stack.appUrl, 'l1@northwind.test');

    // With a title: escalated straight from intake, so it lands in the queue.
    await l1.getByPlaceholder(/Outlook keeps asking/).fill(WORDY);
    const titleField = l1.getByLabel('Short title (optional)');
    expect(await titleField.getAttribute('placeholder')).toBe(titleFromProblem(WORDY)); // what it would be called without one
    await titleField.fill('Finance VPN drops in the new office');
    await l1.getByRole('button', {name: 'Escalate without walk…'}).click();
    await l1.getByRole('button', {name: 'Escalate now'}).click();
    await l1.getByRole('status').filter({hasText: 'Escalated to the handoff queue'}).waitFor();
    expect(await titleField.inputValue()).toBe('');

    // The L1's ticket list: the title, and the full problem only once asked for.
    const row = rowOf(l1, 'ticket-list', 'Finance VPN drops in the new office');
    await row.waitFor();
    expect(await row.locator('.ticket-problem-full').count()).toBe(0);
    expect(await row.textContent()).not.toContain('auditors arrive');
    await row.getByRole('button', {name: 'Show all'}).click();
    expect(await row.locator('.ticket-problem-full').textContent()).toBe(WORDY);
    await row.getByRole('button', {name: 'Show less'}).click();
    expect(await row.locator('.ticket-problem-full').count()).toBe(0);

    // The engineer's queue card: the title; the full problem is its tooltip and in the context it opens.
    const senior = await (await browser.newContext()).newPage();
    await signInThroughPage(senior, stack.appUrl, 'senior@northwind.test');
    await goInApp(senior, '/queue');
    const card = rowOf(senior, 'queue', 'Finance VPN drops in the new office');
    await card.waitFor();
    expect(await card.locator('.row-title').getAttribute('title')).toBe(WORDY);
    await card.getByRole('button').first().click();
    const context = senior.getByTestId('handoff-context');
    expect(await context.getByRole('heading', {level: 2}).first().textContent()).toBe('Finance VPN drops in the new office');
    expect(await context.getByTestId('ticket-problem-full').textContent()).toBe(WORDY);

    // The ticket page: the title in its heading, the full problem under it, cut until "Show all".
    const [ticket] = await stack.sql`select id, ref from ticket where title = 'Finance VPN drops in the new office'`;
    await goInApp(l1, `/tickets/${ticket!.id}`);
    const heading = l1.getByRole('heading', {level: 1});
    await heading.filter({hasText: 'Finance VPN drops in the new office'}).waitFor();
    expect(await heading.textContent()).toBe(`${ticket!.ref}Finance VPN drops in the new office`);
    const problem = l1.getByTestId('ticket-problem-full');
    expect(await problem.textContent()).toBe(WORDY);
    expect(await problem.getAttribute('class')).toContain('clamp');
    await problem.locator('xpath=following-sibling::button[1]').click(); // its "Show all"
    expect(await problem.locator('xpath=following-sibling::button[1]').textContent()).toBe('Show less');
    expect(await problem.getAttribute('class')).toContain('clamp-open');

    // Search finds it by its title.
    await goInApp(l1, '/tickets');
    await l1.getByRole('searchbox').first().fill('new office');
    await rowOf(l1, 'ticket-list', 'Finance VPN drops in the new office').waitFor();

    // Without a title: the first line, cut at a word, everywhere.
    await goInApp(l1, '/');
    await l1.getByPlaceholder(/Outlook keeps asking/).fill(NO_TITLE);
    await l1.getByRole('button', {name: 'Start walk'}).click();
    await l1.waitForURL(u => u.pathname.startsWith('/walks/'));
    const derived = titleFromProblem(NO_TITLE);
    expect(derived).toBe('Every shared mailbox disappeared from Outlook for the sales people after the…');
    await l1.getByTestId('walk-problem').filter({hasText: derived}).waitFor();
    expect(await l1.getByTestId('walk-problem').textContent()).toBe(derived);
    expect(await l1.getByTestId('ticket-problem-full').textContent()).toBe(NO_TITLE.trim());
    await goInApp(l1, '/');
    await rowOf(l1, 'ticket-list', derived).waitFor();
    // The list shows the client's own copy at once; the server's row lands when the push commits (later on a loaded machine).
    await expect.poll(async () => (await stack.sql`select title from ticket where problem_statement = ${NO_TITLE}`)[0]?.title, {timeout: 30_000}).toBe(derived);

    // The live walks list names the walk by its title.
    await goInApp(senior, '/walks');
    await senior.getByTestId('live-walks').getByText(derived).waitFor();
    await l1.context().close();
    await senior.context().close();
  });
});
