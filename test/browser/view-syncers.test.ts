import type {Browser, Page} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {launchBrowser, signInThroughPage} from '../support/browser.ts';
import {signIn} from '../support/sign-in.ts';
import {startTestStack, type TestStack} from '../support/stack.ts';

/**
 * TANDEM_VIEW_SYNCERS=2 in two real browsers: the demo L1 and an engineer
 * placed on different view syncers by /api/session work together live; the
 * L1's view syncer is SIGKILLed with the walk open, the step taken while it
 * is down reaches the engineer once it is back, and nobody reloads.
 */
describe('two browsers on two view syncers', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestStack({serveClient: true, viewSyncers: 2});
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.dispose();
  }, 120_000);

  /** The zero-cache URL /api/session hands this person. */
  const placement = async (email: string) => {
    const {token} = await signIn(stack.appUrl, email);
    const res = await fetch(`${stack.appUrl}/api/session`, {headers: {authorization: `Bearer ${token}`}});
    return new URL(((await res.json()) as {zeroUrl: string}).zeroUrl).port;
  };

  /** Ports of the zero-cache sockets a page opened. */
  const socketPorts = (page: Page) => {
    const ports = new Set<string>();
    page.on('websocket', ws => ports.add(new URL(ws.url()).port));
    return ports;
  };

  it('an L1 and an engineer on different view syncers walk together, through a SIGKILLed syncer, without a reload', async () => {
    // A pair the placement puts on different syncers (the demo ids are fixed, so this is stable).
    let pair: {l1: string; engineer: string; l1Port: string} | undefined;
    for (const l1 of ['l1@northwind.test', 'l1b@northwind.test']) {
      for (const engineer of ['senior@northwind.test', 'cover@northwind.test']) {
        const [a, b] = [await placement(l1), await placement(engineer)];
        if (!pair && a !== b) pair = {l1, engineer, l1Port: a};
      }
    }
    expect(pair, 'an L1 and an engineer on different view syncers').toBeDefined();
    const {l1: l1Email, engineer: engineerEmail, l1Port} = pair!;

    const [l1Ctx, engCtx] = await Promise.all([browser.newContext(), browser.newContext()]);
    const [l1, eng] = await Promise.all([l1Ctx.newPage(), engCtx.newPage()]);
    const [l1Sockets, engSockets] = [socketPorts(l1), socketPorts(eng)];
    await signInThroughPage(l1, stack.appUrl, l1Email);
    await signInThroughPage(eng, stack.appUrl, engineerEmail);
    expect([...l1Sockets]).toEqual([l1Port]);
    expect(engSockets.size).toBe(1);
    expect([...engSockets][0]).not.toBe(l1Port);

    const problem = `Outlook says Disconnected ${Date.now()}`;
    await l1.getByPlaceholder(/Outlook keeps asking/).fill(problem);
    await l1.locator('select[name="flowId"]').selectOption({label: "Outlook won't connect"});
    await l1.getByRole('button', {name: 'Start walk'}).click();
    await l1.locator('[data-node-id="start"]').waitFor();

    await eng.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Live walks'}).click();
    await eng.getByTestId('live-walks').getByText(problem).click();
    await eng.getByTestId('walk-problem').filter({hasText: problem}).waitFor();

    // From here on neither page may load again.
    let loads = 0;
    for (const page of [l1, eng]) page.on('load', () => loads++);

    // The L1's view syncer dies; the L1 takes the step while it is down.
    const syncer = stack.viewSyncers.find(s => new URL(s.url).port === l1Port)!;
    const launches = syncer.launches();
    process.kill(syncer.pid()!, 'SIGKILL');
    await l1.getByRole('button', {name: 'Yes, mail loads in the browser'}).click();
    await l1.getByTestId('path').getByText('Yes, mail loads in the browser').waitFor();
    await syncer.readyAfter(launches);

    // The same pages: the L1 back online on the restarted syncer, the step on the engineer's screen, once.
    await l1.getByRole('status').filter({hasText: 'Online'}).waitFor({timeout: 60_000});
    await eng.getByTestId('path').getByText('Yes, mail loads in the browser').waitFor({timeout: 60_000});
    const [walk] = await stack.sql<{id: string}[]>`
      select w.id from walk w join ticket t on t.id = w.ticket_id where t.problem_statement = ${problem}`;
    const steps = await stack.sql`select seq from walk_step where walk_id = ${walk.id}`;
    expect(steps).toHaveLength(1);
    expect(loads).toBe(0);
    expect([...l1Sockets]).toEqual([l1Port]);

    await Promise.all([l1Ctx.close(), engCtx.close()]);
  });
});
