import type {Browser, BrowserContext, Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';

/**
 * Issue #21 on a shared walk: a whisper draws the L1's eye until seen; the
 * offline indicator believes the browser at once; watchers see the driver
 * offline, and how many changes wait once the driver's browser can say.
 */
describe('whispers and the driver’s connection', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  async function sharedWalk(
    problem: string,
    beforeSignIn: (l1Context: BrowserContext) => Promise<void> = async () => {},
  ): Promise<{l1: Page; l1Context: BrowserContext; eng: Page; walkId: string}> {
    const [l1Context, engContext] = [await browser.newContext(), await browser.newContext()];
    await beforeSignIn(l1Context);
    const [l1, eng] = [await l1Context.newPage(), await engContext.newPage()];
    await signInThroughPage(l1, stack.appUrl, 'l1@northwind.test');
    await signInThroughPage(eng, stack.appUrl, 'senior@northwind.test');
    await l1.getByPlaceholder(/Outlook keeps asking/).fill(problem);
    await l1.locator('select[name="flowId"]').selectOption({label: "Outlook won't connect"});
    await l1.getByRole('button', {name: 'Start walk'}).click();
    await l1.locator('[data-node-id="start"]').waitFor();
    const walkId = new URL(l1.url()).pathname.split('/').pop()!;
    await l1.evaluate(async () => void (await navigator.serviceWorker.ready));
    await eng.goto(`${stack.appUrl}/walks/${walkId}`);
    await eng.getByTestId('walk-problem').filter({hasText: problem}).waitFor({timeout: 30_000});
    await eng.getByTestId('presence').getByText('Lee Linden · driving').waitFor({timeout: 15_000});
    return {l1, l1Context, eng, walkId};
  }

  it('a whisper is highlighted and announced on the driver’s screen until the driver marks it seen', async () => {
    const {l1, eng} = await sharedWalk('Outlook asks for the password all day');
    const announcer = l1.getByTestId('whisper-announcer');
    expect(await announcer.getAttribute('aria-live')).toBe('polite');
    expect((await announcer.textContent()) ?? '').toBe('');

    await eng.locator('select[name="laneKind"]').selectOption('check');
    await eng.locator('input[name="laneText"]').fill('Check for a second Office account in Credential Manager');
    await eng.getByRole('button', {name: 'Add', exact: true}).click();

    const whisper = l1.getByTestId('task-lane').locator('li', {hasText: 'second Office account'});
    await whisper.and(l1.locator('[data-new-whisper="yes"]')).waitFor({timeout: 15_000});
    await whisper.getByText('New', {exact: true}).waitFor();
    await announcer.filter({hasText: 'Latest from Sam Senior: Check for a second Office account in Credential Manager'}).waitFor();
    // Only the driver's eye is drawn: the whisperer's own screen shows it plainly.
    const own = eng.getByTestId('task-lane').locator('li', {hasText: 'second Office account'});
    await own.waitFor();
    expect(await own.getAttribute('data-new-whisper')).toBeNull();

    await whisper.getByRole('button', {name: /^Got it/}).click();
    await whisper.and(l1.locator(':not([data-new-whisper])')).waitFor();
    await expect.poll(async () => (await announcer.textContent()) ?? '').toBe('');
    // Seen is kept where the L1's other screens (and a reload) find it.
    await expect.poll(async () => (await stack.sql`select seen_at from task_lane_item where text like '%second Office account%'`)[0]?.seen_at).toBeGreaterThan(0);
    await l1.reload();
    await l1.getByTestId('task-lane').locator('li', {hasText: 'second Office account'}).waitFor({timeout: 30_000});
    // The reloaded page may first paint from its own stored copy, taken before the
    // server confirmed "seen"; once it has caught up the whisper stays plain.
    await expect.poll(async () => l1.locator('[data-new-whisper="yes"]').count(), {timeout: 10_000}).toBe(0);
    await l1.context().close();
    await eng.context().close();
  });

  it('the indicator says Offline as soon as the browser does, before the sync socket notices', async () => {
    const page = await (await browser.newContext()).newPage();
    await signInThroughPage(page, stack.appUrl, 'l1@northwind.test');
    const status = page.getByTestId('connection');
    // The browser's own offline signal while Zero's socket is still up.
    await page.evaluate(() => {
      Object.defineProperty(navigator, 'onLine', {configurable: true, get: () => false});
      window.dispatchEvent(new Event('offline'));
    });
    await status.filter({hasText: 'Offline'}).waitFor();
    expect(await status.getAttribute('data-state')).toBe('connected');
    await page.evaluate(() => {
      delete (navigator as {onLine?: boolean}).onLine;
      window.dispatchEvent(new Event('online'));
    });
    await status.filter({hasText: 'Online'}).waitFor();
    // And the real thing.
    await page.context().setOffline(true);
    await status.filter({hasText: 'Offline'}).waitFor();
    await page.context().close();
  });

  it('watchers see "Driver offline"; when the driver’s browser reaches the API but cannot sync, how many changes wait', async () => {
    // The L1's sync socket goes through a switch the test holds.
    let syncReachable = true;
    const sockets: {close: () => Promise<void>}[] = [];
    const {l1, l1Context, eng, walkId} = await sharedWalk('Outlook offline in the branch office', context =>
      context.routeWebSocket(/.*/, ws => {
        if (!syncReachable) return void ws.close();
        ws.connectToServer();
        sockets.push(ws);
      }),
    );
    const notice = eng.getByTestId('driver-connection');
    expect(await notice.count()).toBe(0);

    // No network at all: the driver's beats stop and watchers see it.
    await l1Context.setOffline(true);
    await notice.filter({hasText: 'Driver offline: Lee Linden is not connected to this walk'}).waitFor({timeout: 30_000});
    await l1Context.setOffline(false);
    await notice.waitFor({state: 'detached', timeout: 30_000});

    // The network works but the sync server cannot be reached: the L1 keeps working.
    syncReachable = false;
    for (const ws of sockets.splice(0)) await ws.close();
    await l1.getByTestId('connection').filter({hasNotText: 'Online'}).waitFor({timeout: 30_000});
    await l1.locator('select[name="laneKind"]').selectOption('question');
    await l1.locator('input[name="laneText"]').fill('Ask whether the VPN client shows connected');
    await l1.getByRole('button', {name: 'Add', exact: true}).click();
    await l1.getByTestId('changes-waiting').filter({hasText: '1 change waiting'}).waitFor();
    await notice.filter({hasText: 'Driver offline, 1 change waiting'}).waitFor({timeout: 30_000});
    const [row] = await stack.sql`select p.waiting_changes from walk_presence p join member m on m.id = p.user_id
      where p.walk_id = ${walkId} and m.email = 'l1@northwind.test'`;
    expect(row.waiting_changes).toBe(1);

    // Sync returns: the change lands, and the notice goes.
    syncReachable = true;
    await eng.getByTestId('task-lane').getByText('Ask whether the VPN client shows connected').waitFor({timeout: 60_000});
    await notice.waitFor({state: 'detached', timeout: 30_000});
    await l1.context().close();
    await eng.context().close();
  });
});
