import type {Browser, BrowserContext, Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import {demoContext, serverMutator} from '../support/server-mutate.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';

const OUTLOOK = "Outlook won't connect";
// Five answers through the Outlook flow, ending on a question (the walk stays open).
const PATH = [
  {answer: 'Yes, mail loads in the browser', node: 'status-bar'},
  {answer: 'Working Offline', node: 'work-offline'},
  {answer: 'Still Disconnected', node: 'check-internet'},
  {answer: 'Yes, websites and Teams work', node: 'clear-credentials'},
  {answer: 'Still disconnected or still prompting', node: 'new-profile'},
];

/** docs/offline.md: the L1 keeps walking with no connection; every change lands once, in order. */
describe('offline walking', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  async function signedIn(email: string, disconnectTimeoutMs?: number): Promise<{context: BrowserContext; page: Page}> {
    const context = await browser.newContext();
    if (disconnectTimeoutMs) {
      await context.addInitScript(ms => localStorage.setItem('tandem.disconnectTimeoutMs', String(ms)), disconnectTimeoutMs);
    }
    const page = await context.newPage();
    await signInThroughPage(page, stack.appUrl, email);
    return {context, page};
  }

  async function startOutlookWalk(page: Page, problem: string): Promise<string> {
    await page.getByPlaceholder(/Outlook keeps asking/).fill(problem);
    await page.locator('select[name="flowId"]').selectOption({label: OUTLOOK});
    await page.getByRole('button', {name: 'Start walk'}).click();
    await page.getByTestId('walk-problem').filter({hasText: problem}).waitFor();
    await page.locator('[data-node-id="start"]').waitFor();
    // The offline shell must be installed before the network goes away.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // So must the new call itself: it goes through the outbox like any change, and the counts below are of changes made offline.
    await page.getByTestId('connection').filter({hasNotText: 'waiting'}).waitFor({timeout: 30_000});
    return new URL(page.url()).pathname.split('/').pop()!;
  }

  async function walkSteps(page: Page, steps: typeof PATH) {
    for (const step of steps) {
      await page.getByRole('button', {name: step.answer}).click();
      await page.locator(`[data-node-id="${step.node}"]`).waitFor({timeout: 15_000});
    }
  }

  /** Cuts the network and waits until the page says so; returns the indicator. */
  async function goOffline({context, page}: {context: BrowserContext; page: Page}) {
    await context.setOffline(true);
    const status = page.getByTestId('connection');
    await status.filter({hasText: 'Offline'}).waitFor({timeout: 30_000});
    return status;
  }

  const expectNotes = (walkId: string, notes: string) =>
    expect.poll(async () => (await stack.sql`select notes from walk where id = ${walkId}`)[0]?.notes, {timeout: 30_000}).toBe(notes);

  const stepsOf = (walkId: string) =>
    stack.sql<{kind: string; option_id: string | null; node_id: string}[]>`
      select kind, option_id, node_id from walk_step where walk_id = ${walkId} order by seq`;

  it('records 5 steps and notes offline, survives a reload offline, and lands them once each in order', async () => {
    const l1 = await signedIn('l1@northwind.test');
    const walkId = await startOutlookWalk(l1.page, 'Outlook offline for the whole sales team');
    const senior = await signedIn('senior@northwind.test');
    await senior.page.goto(`${stack.appUrl}/walks/${walkId}`);
    await senior.page.locator('[data-node-id="start"]').waitFor({timeout: 30_000});

    await l1.context.setOffline(true);
    const status = l1.page.getByTestId('connection');
    await status.filter({hasNotText: 'Online'}).waitFor({timeout: 30_000});

    for (const step of PATH.slice(0, 3)) {
      await l1.page.getByRole('button', {name: step.answer}).click();
      await l1.page.locator(`[data-node-id="${step.node}"]`).waitFor();
    }
    await l1.page.getByRole('textbox', {name: 'Notes', exact: true}).fill('Customer on hotel Wi-Fi, captive portal');
    await l1.page.getByTestId('notes-state').filter({hasText: 'Saved on this device'}).waitFor();
    await status.filter({hasText: 'Offline · 4 changes waiting'}).waitFor();

    // Reload with no network: the shell and the walk are still there.
    await l1.page.reload();
    await l1.page.locator('[data-node-id="work-offline"], [data-node-id="check-internet"]').first().waitFor({timeout: 30_000});
    await l1.page.locator(`[data-node-id="${PATH[2].node}"]`).waitFor({timeout: 30_000});
    for (const step of PATH.slice(3)) {
      await l1.page.getByRole('button', {name: step.answer}).click();
      await l1.page.locator(`[data-node-id="${step.node}"]`).waitFor();
    }
    expect(await stepsOf(walkId)).toEqual([]);

    await l1.context.setOffline(false);
    await status.filter({hasText: 'Online'}).waitFor({timeout: 60_000});
    await expect.poll(async () => (await stepsOf(walkId)).length, {timeout: 30_000}).toBe(5);
    expect((await stepsOf(walkId)).map(s => s.option_id)).toEqual(['owa-works', 'status-offline', 'offline-still-broken', 'internet-ok', 'creds-still-broken']);
    await expectNotes(walkId, 'Customer on hotel Wi-Fi, captive portal');
    await senior.page.locator('[data-node-id="new-profile"]').waitFor({timeout: 30_000});
    await senior.page.getByTestId('notes-view').filter({hasText: 'captive portal'}).waitFor();
    await status.filter({hasNotText: 'waiting'}).waitFor();
    await l1.context.close();
    await senior.context.close();
  }, 120_000);

  it("stays offline longer than Zero's default disconnect timeout (1 min) and keeps walking; nothing is lost", async () => {
    const l1 = await signedIn('l1@northwind.test');
    const walkId = await startOutlookWalk(l1.page, 'Outlook offline in the branch office');
    const status = await goOffline(l1);
    await walkSteps(l1.page, PATH.slice(0, 2));
    await l1.page.waitForTimeout(65_000);
    await walkSteps(l1.page, PATH.slice(2, 4));
    await l1.page.getByRole('textbox', {name: 'Notes', exact: true}).fill('Branch router rebooted twice');
    await status.filter({hasText: 'Offline · 5 changes waiting'}).waitFor();

    await l1.context.setOffline(false);
    await status.filter({hasText: 'Online'}).waitFor({timeout: 60_000});
    await expect
      .poll(async () => (await stepsOf(walkId)).map(s => s.option_id), {timeout: 30_000})
      .toEqual(['owa-works', 'status-offline', 'offline-still-broken', 'internet-ok']);
    await expectNotes(walkId, 'Branch router rebooted twice');
    await status.filter({hasNotText: 'waiting'}).waitFor({timeout: 30_000});
    await l1.context.close();
  }, 180_000);

  it('keeps changes Zero refuses once it has given up on the connection, and sends them once when it is back', async () => {
    // Zero's disconnect timeout shortened to 3 s, so it gives up while offline.
    const l1 = await signedIn('l1@northwind.test', 3_000);
    const walkId = await startOutlookWalk(l1.page, 'Outlook offline at the warehouse');
    await l1.page.evaluate(() => {
      const el = document.querySelector('[data-testid="connection"]')!;
      new MutationObserver(() => el.getAttribute('data-state') === 'disconnected' && ((window as any).__gaveUp = true)).observe(el, {
        attributes: true,
      });
    });
    const status = await goOffline(l1);
    await walkSteps(l1.page, PATH.slice(0, 1));
    await l1.page.waitForFunction(() => (window as any).__gaveUp === true, undefined, {timeout: 30_000});
    // Zero refuses changes now; the outbox keeps them (and the text stays in the editor).
    await l1.page.getByRole('textbox', {name: 'Notes', exact: true}).fill('Scanner dock also offline');
    await status.filter({hasText: 'Offline · 2 changes waiting'}).waitFor();
    await l1.page.reload();
    await status.filter({hasText: '2 changes waiting'}).waitFor({timeout: 30_000});

    await l1.context.setOffline(false);
    await status.filter({hasText: 'Online'}).waitFor({timeout: 60_000});
    await expect.poll(async () => (await stepsOf(walkId)).map(s => s.option_id), {timeout: 30_000}).toEqual(['owa-works']);
    await expectNotes(walkId, 'Scanner dock also offline');
    await status.filter({hasNotText: 'waiting'}).waitFor({timeout: 30_000});
    // Late replays are answered by the change ledger, never applied twice.
    await l1.page.waitForTimeout(2_000);
    expect(await stepsOf(walkId)).toHaveLength(1);
    expect(await l1.page.getByTestId('unsynced-changes').count()).toBe(0);
    await l1.context.close();
  }, 120_000);

  it('shows which queued change the server refused, and why, when an engineer took over and resolved the walk meanwhile; the typed text stays', async () => {
    const l1 = await signedIn('l1@northwind.test');
    const walkId = await startOutlookWalk(l1.page, 'Outlook offline for the CFO');
    const status = await goOffline(l1);
    await l1.page.getByRole('button', {name: PATH[0].answer}).click();
    await l1.page.locator(`[data-node-id="${PATH[0].node}"]`).waitFor();
    const typed = 'CFO says the laptop was re-imaged on Friday; keep this for the ticket';
    await l1.page.getByRole('textbox', {name: 'Notes', exact: true}).fill(typed);
    await status.filter({hasText: '2 changes waiting'}).waitFor();

    // Meanwhile the senior takes the walk over and resolves it.
    const mutate = serverMutator(stack.sql);
    const senior = demoContext('senior@northwind.test');
    const [{driver_user_id}] = await stack.sql<{driver_user_id: string}[]>`select driver_user_id from walk where id = ${walkId}`;
    expect(await mutate(senior, 'walk.takeOver', {walkId, expectedDriverId: driver_user_id})).toEqual({ok: true});
    expect(await mutate(senior, 'walk.resolve', {walkId, helpful: true, resolutionNotes: 'Fixed remotely: new Outlook profile.'})).toEqual({ok: true});

    await l1.context.setOffline(false);
    const refused = l1.page.getByTestId('unsynced-changes');
    await refused.waitFor({timeout: 60_000});
    await refused.getByText('Step “Yes, mail loads in the browser”').waitFor();
    await refused.locator('[data-change="walk.updateNotes"]').waitFor();
    expect(await refused.getByRole('textbox').first().inputValue()).toBe(typed);
    expect(await refused.innerText()).toMatch(/driv|resolved|active/i);
    // The screen converged on the server's state.
    await l1.page.getByRole('status').filter({hasText: 'Resolved'}).waitFor({timeout: 30_000});
    await status.filter({hasNotText: 'waiting'}).waitFor();
    expect(await stepsOf(walkId)).toEqual([]);
    // Dismissing is the person's choice; the text stays until then, even across a reload.
    await l1.page.reload();
    await refused.getByRole('textbox').first().waitFor({timeout: 30_000});
    expect(await refused.getByRole('textbox').first().inputValue()).toBe(typed);
    await l1.context.close();
  }, 120_000);

  it("two tabs of the same person stay consistent offline; a closed tab's waiting changes are sent by the other, once", async () => {
    const {context, page: tabA} = await signedIn('l1@northwind.test');
    const walkId = await startOutlookWalk(tabA, 'Outlook offline on two screens');
    const tabB = await context.newPage();
    await tabB.goto(`${stack.appUrl}/walks/${walkId}`);
    await tabB.locator('[data-node-id="start"]').waitFor({timeout: 30_000});

    await context.setOffline(true);
    await tabA.getByTestId('connection').filter({hasText: 'Offline'}).waitFor({timeout: 30_000});
    await walkSteps(tabA, PATH.slice(0, 2));
    // The other tab shows the same walk and the same waiting changes.
    await tabB.locator(`[data-node-id="${PATH[1].node}"]`).waitFor({timeout: 30_000});
    await tabB.getByTestId('connection').filter({hasText: '2 changes waiting'}).waitFor({timeout: 30_000});

    await tabA.close();
    await context.setOffline(false);
    await tabB.getByTestId('connection').filter({hasText: 'Online'}).waitFor({timeout: 60_000});
    await expect.poll(async () => (await stepsOf(walkId)).map(s => s.option_id), {timeout: 30_000}).toEqual(['owa-works', 'status-offline']);
    await tabB.getByTestId('connection').filter({hasNotText: 'waiting'}).waitFor({timeout: 30_000});
    await tabB.waitForTimeout(2_000);
    expect(await stepsOf(walkId)).toHaveLength(2);
    await context.close();
  }, 120_000);

  it('a call taken offline reads "pending" until the server numbers it, then shows its number', async () => {
    const l1 = await signedIn('l1@northwind.test');
    const problem = 'Label printer offline at the loading dock';
    await l1.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // The intake form has synced its flows before the connection drops (what the L1 saw on screen).
    await l1.page.locator('select[name="flowId"] option', {hasText: OUTLOOK}).waitFor({state: 'attached', timeout: 30_000});
    await goOffline(l1);
    await l1.page.getByPlaceholder(/Outlook keeps asking/).fill(problem);
    await l1.page.locator('select[name="flowId"]').selectOption({label: OUTLOOK});
    await l1.page.getByRole('button', {name: 'Start walk'}).click();
    await l1.page.getByTestId('walk-problem').filter({hasText: problem}).waitFor();
    const walkId = new URL(l1.page.url()).pathname.split('/').pop()!;
    const ref = l1.page.getByTestId('ticket-ref').first();
    await expect.poll(() => ref.textContent()).toBe('pending');
    expect(await stack.sql`select id from walk where id = ${walkId}`).toHaveLength(0);

    await l1.context.setOffline(false);
    const numbered = () =>
      stack.sql<{ref: string}[]>`
        select a.ticket_prefix || '-' || t.number as ref
        from walk w join ticket t on t.id = w.ticket_id join account a on a.id = t.account_id where w.id = ${walkId}`;
    await expect.poll(async () => (await numbered())[0]?.ref, {timeout: 60_000}).toMatch(/^NW-\d+$/);
    const [{ref: number}] = await numbered();
    await expect.poll(() => ref.textContent(), {timeout: 30_000}).toBe(number);
    await l1.context.close();
  }, 120_000);

  it("an escalation made offline reaches the engineers' live queue once on reconnect; picking up waits for a connection", async () => {
    const problem = `Outlook offline for the front desk (${Date.now().toString(36)})`; // this try's own card
    const senior = await signedIn('senior@northwind.test');
    await senior.page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Queue'}).click();
    const queue = senior.page.getByTestId('queue');

    const l1 = await signedIn('l1@northwind.test');
    const walkId = await startOutlookWalk(l1.page, problem);
    await l1.context.setOffline(true);
    await l1.page.getByTestId('connection').filter({hasText: 'Offline'}).waitFor({timeout: 30_000});
    await walkSteps(l1.page, PATH.slice(0, 1));
    await l1.page.getByLabel('Reason').selectOption('Customer demanding senior');
    await l1.page.getByLabel('Details (optional)').fill('Front desk cannot check guests in');
    await l1.page.getByRole('button', {name: 'Escalate', exact: true}).click();
    await l1.page.getByRole('status').filter({hasText: 'Escalated'}).waitFor();
    await l1.page.getByTestId('connection').filter({hasText: '2 changes waiting'}).waitFor();
    await senior.page.waitForTimeout(2_000);
    expect(await queue.locator('li', {hasText: problem}).count()).toBe(0);

    await l1.context.setOffline(false);
    const card = queue.locator('li', {hasText: problem});
    await card.waitFor({timeout: 60_000});
    await l1.page.getByTestId('connection').filter({hasNotText: 'waiting'}).waitFor({timeout: 30_000});
    expect(await stack.sql`select status from handoff where walk_id = ${walkId}`).toEqual([{status: 'open'}]);
    expect((await stepsOf(walkId)).map(s => s.option_id)).toEqual(['owa-works']);

    // Offline, the engineer sees the queue as last synced, but a claim is a race decided now: not queued.
    await card.locator('button.queue-open').click();
    const pickUp = senior.page.getByTestId('handoff-context').getByRole('button', {name: 'Pick up'});
    await pickUp.waitFor();
    await senior.context.setOffline(true);
    await expect.poll(() => pickUp.isDisabled(), {timeout: 30_000}).toBe(true);
    await senior.page.getByText('Picking up needs a connection').waitFor();
    await senior.context.setOffline(false);
    await expect.poll(() => pickUp.isDisabled(), {timeout: 60_000}).toBe(false);
    await l1.context.close();
    await senior.context.close();
  }, 150_000);
});
