import type {Page} from 'playwright-core';

/** Intake on the L1 workspace (`/`), as a person types it: starts a walk on `flow` and answers its first step; the walk's id. */
export async function startWalkThroughPage(
  page: Page,
  problem: string,
  {flow = 'VPN keeps dropping', customer}: {flow?: string; customer?: string} = {},
): Promise<string> {
  await page.getByPlaceholder(/Outlook keeps asking/).fill(problem);
  if (customer) await page.locator('input[name="customerName"]').fill(customer);
  await page.locator('select[name="flowId"]').selectOption({label: flow});
  await page.getByRole('button', {name: 'Start walk'}).click();
  await page.waitForURL(u => u.pathname.startsWith('/walks/'));
  await page.getByTestId('current-node').waitFor();
  return new URL(page.url()).pathname.split('/')[2]!;
}

/** Intake's "Escalate without walk…" then "Escalate now": a card in the handoff queue. */
export async function escalateNowThroughPage(page: Page, problem: string): Promise<void> {
  await page.getByPlaceholder(/Outlook keeps asking/).fill(problem);
  await page.getByRole('button', {name: 'Escalate without walk…'}).click();
  await page.getByRole('button', {name: 'Escalate now'}).click();
  await page.getByRole('status').filter({hasText: 'Escalated to the handoff queue'}).waitFor();
}

/** Client-side navigation (the app's history router), so one page session visits every screen. */
export async function goInApp(page: Page, path: string): Promise<void> {
  await page.evaluate(to => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}
