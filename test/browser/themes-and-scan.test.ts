import {mkdirSync} from 'node:fs';
import path from 'node:path';
import type {Browser, Locator, Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';
import {escalateNowThroughPage, goInApp, startWalkThroughPage} from '../support/walks-through-page.ts';

const AXE = path.resolve('node_modules/axe-core/axe.min.js');
/** Where the screenshots go (git ignores test-results/): one folder per theme and width. */
const SHOTS = path.resolve('test-results/screenshots');
const LONG_PROBLEM =
  'Since the office moved to the new building the VPN drops every few minutes for the whole finance team, ' +
  'which means the month-end close in the accounting system keeps failing halfway through and has to be restarted from the beginning';

type Ids = {walkId: string; ticketId: string; customerId: string; handoffId: string; flowId: string; inviteCode: string};
type Screen = {name: string; path: (ids: Ids) => string; ready: (page: Page) => Locator};

/** Every route of client/app/App.tsx and client/shell/AppShell.tsx, signed in as the owner (who may see them all). */
const SIGNED_IN: Screen[] = [
  {name: 'home', path: () => '/', ready: p => p.getByPlaceholder(/Outlook keeps asking/)},
  {name: 'walker', path: ids => `/walks/${ids.walkId}`, ready: p => p.getByTestId('walk-problem')},
  {name: 'live-walks', path: () => '/walks', ready: p => p.getByTestId('live-walks')},
  {name: 'queue', path: () => '/queue', ready: p => p.getByTestId('queue').locator('li').first()},
  {name: 'handoff', path: ids => `/handoffs/${ids.handoffId}`, ready: p => p.getByTestId('handoff-context')},
  {name: 'tickets-search', path: () => '/tickets', ready: p => p.getByTestId('ticket-list')},
  {name: 'ticket', path: ids => `/tickets/${ids.ticketId}`, ready: p => p.getByTestId('ticket-page')},
  {name: 'customer', path: ids => `/customers/${ids.customerId}`, ready: p => p.getByTestId('customer-tickets')},
  {name: 'team-and-audit', path: () => '/team', ready: p => p.getByTestId('audit-log').locator('tbody tr').first()},
  {name: 'flows', path: () => '/flows', ready: p => p.getByRole('heading', {level: 1})},
  {name: 'flow-editor', path: ids => `/flows/${ids.flowId}`, ready: p => p.locator('.node-editor').first()},
];

type Finding = {where: string; id: string; impact: string; help: string; targets: string[]};

/** axe-core in the page (an init script: the app's CSP allows no inline script): the serious and critical violations only. */
async function scan(page: Page, where: string): Promise<Finding[]> {
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {run: (ctx: Document, o: object) => Promise<{violations: {id: string; impact: string; help: string; nodes: {target: string[]}[]}[]}>};
      }
    ).axe;
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' '))}));
  });
  return violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({where, ...v}));
}

async function shoot(page: Page, folder: string, n: number, name: string) {
  mkdirSync(path.join(SHOTS, folder), {recursive: true});
  await page.screenshot({path: path.join(SHOTS, folder, `${String(n).padStart(2, '0')}-${name}.png`), fullPage: true});
}

/**
 * Dark mode follows prefers-color-scheme and a per-person toggle; every page
 * passes axe-core (no serious or critical violations) at desktop and phone
 * width in both themes, each photographed for a reviewer.
 */
describe('themes and the accessibility scan', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);
  const background = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

  it('follows the system until a person picks a theme, remembers it per person, and follows a system change live', async () => {
    // Neither person has picked yet (also when this runs again after a failed try that picked).
    await stack.sql`update member set theme = null where email in ('l1@northwind.test', 'l1b@northwind.test')`;
    const context = await browser.newContext({colorScheme: 'dark'});
    const page = await context.newPage();
    await page.goto(stack.appUrl);
    await page.getByLabel('Email').waitFor();
    expect(await theme(page)).toBe('dark');
    expect(await background(page)).toBe('rgb(14, 19, 26)');

    await signInThroughPage(page, stack.appUrl, 'l1@northwind.test');
    const select = page.getByLabel('Theme');
    expect(await select.inputValue()).toBe('system');
    expect(await theme(page)).toBe('dark');
    await page.emulateMedia({colorScheme: 'light'});
    await expect.poll(() => theme(page)).toBe('light');
    expect(await background(page)).toBe('rgb(246, 247, 249)');
    await page.emulateMedia({colorScheme: 'dark'});
    await expect.poll(() => theme(page)).toBe('dark');

    // Lee picks Light: it sticks through a reload and against the dark system.
    await select.selectOption('light');
    expect(await theme(page)).toBe('light');
    await page.reload();
    await page.getByRole('status').filter({hasText: 'Online'}).waitFor();
    expect(await page.getByLabel('Theme').inputValue()).toBe('light');
    expect(await theme(page)).toBe('light');

    // Someone else on this browser has their own (none yet: the system's), and Lee's is still Lee's.
    await page.getByRole('button', {name: 'Sign out'}).click();
    await page.getByLabel('Email').waitFor();
    await signInThroughPage(page, stack.appUrl, 'l1b@northwind.test');
    expect(await page.getByLabel('Theme').inputValue()).toBe('system');
    expect(await theme(page)).toBe('dark');
    await page.getByRole('button', {name: 'Sign out'}).click();
    await page.getByLabel('Email').waitFor();
    await signInThroughPage(page, stack.appUrl, 'l1@northwind.test');
    expect(await theme(page)).toBe('light');
    await context.close();
  });

  it('every page, desktop and 390 px, light and dark: no serious or critical axe violations (screenshots in test-results/screenshots/)', async () => {
    // A world with something on every screen: a long-titled walk on a flow, with a customer, escalated; another card in the queue; a walk in progress; an invite.
    const setup = await browser.newContext();
    const l1 = await setup.newPage();
    await signInThroughPage(l1, stack.appUrl, 'l1@northwind.test');
    const walkId = await startWalkThroughPage(l1, LONG_PROBLEM, {customer: 'Fabrikam Finance'});
    await l1.getByTestId('current-node').getByRole('button').first().click();
    await l1.getByTestId('path').locator('li').first().waitFor();
    await l1.getByLabel('Reason').selectOption('Customer demanding senior');
    await l1.getByRole('button', {name: 'Escalate', exact: true}).click();
    await l1.getByRole('status').filter({hasText: 'Escalated'}).waitFor();
    await goInApp(l1, '/');
    await escalateNowThroughPage(l1, 'Printer on floor 2 prints blank pages');
    await goInApp(l1, '/');
    await startWalkThroughPage(l1, 'Outlook keeps asking for a password', {flow: "Outlook won't connect"});
    const owner = await (await browser.newContext()).newPage();
    await signInThroughPage(owner, stack.appUrl, 'owner@northwind.test');
    await goInApp(owner, '/team');
    await owner.locator('input[name="inviteEmail"]').fill('newbie@northwind.test');
    await owner.getByRole('button', {name: 'Create invite'}).click();
    const link = await owner.getByLabel('Invite link').inputValue();
    await setup.close();
    await owner.context().close();
    const [walk] = await stack.sql`select w.ticket_id, t.customer_id, h.id as handoff_id, w.flow_id from walk w
      join ticket t on t.id = w.ticket_id join handoff h on h.walk_id = w.id where w.id = ${walkId}`;
    const ids: Ids = {
      walkId,
      ticketId: walk!.ticket_id,
      customerId: walk!.customer_id,
      handoffId: walk!.handoff_id,
      flowId: walk!.flow_id,
      inviteCode: link.split('/invite/')[1]!,
    };

    const findings: Finding[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1280, 390]) {
        const folder = `${colorScheme}-${width}`;
        // Reduced motion: a card caught mid slide-in would read as low contrast.
        const context = await browser.newContext({colorScheme, reducedMotion: 'reduce', viewport: {width, height: width > 600 ? 860 : 844}});
        await context.addInitScript({path: AXE});
        const page = await context.newPage();
        let n = 0;
        const visit = async (name: string) => {
          expect(await theme(page), `${folder} ${name}`).toBe(colorScheme);
          findings.push(...(await scan(page, `${folder} ${name}`)));
          await shoot(page, folder, ++n, name);
        };

        await page.goto(`${stack.appUrl}/invite/${ids.inviteCode}`);
        await page.getByText("You're invited to Northwind IT").waitFor();
        await visit('invite');
        await page.goto(stack.appUrl);
        await page.getByLabel('Email').waitFor();
        await visit('sign-in');
        await signInThroughPage(page, stack.appUrl, 'owner@northwind.test');
        for (const screen of SIGNED_IN) {
          await goInApp(page, screen.path(ids));
          await screen.ready(page).waitFor();
          await visit(screen.name);
        }
        // Open things: a queue card's context, the phone menu, the shortcuts dialog.
        await goInApp(page, '/queue');
        await page.getByTestId('queue').locator('button.queue-open').first().click();
        await page.getByTestId('handoff-context').waitFor();
        await visit('queue-context');
        if (width < 600) {
          await page.getByRole('button', {name: 'Menu'}).click();
          await page.getByRole('navigation', {name: 'Main'}).waitFor();
          await visit('menu');
          await page.getByRole('button', {name: 'Menu'}).click();
        }
        await page.locator('body').press('?');
        await page.getByRole('dialog', {name: 'Keyboard shortcuts'}).waitFor();
        await visit('shortcuts');
        await context.close();
      }
    }
    expect(findings).toEqual([]);
    // 4 sessions of 16 pages each: about half a minute on a quiet machine.
  }, 240_000);
});
