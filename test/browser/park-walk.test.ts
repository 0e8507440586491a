import type {Browser} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';

/** Park a walk ("waiting on the customer") and pick it up again, in a real browser; a watcher sees it parked. */
describe('parking a walk', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  it('the driver parks with a note, a watching engineer sees it parked, the driver picks it up again', async () => {
    const l1Context = await browser.newContext();
    const l1 = await l1Context.newPage();
    await signInThroughPage(l1, stack.appUrl, 'l1@northwind.test');
    await l1.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'L1 workspace'}).click();
    await l1.getByPlaceholder(/Outlook keeps asking/).fill('Scanner sends nothing to email');
    await l1.getByRole('button', {name: 'Start walk'}).click();
    await l1.getByTestId('walk-problem').filter({hasText: 'Scanner sends nothing to email'}).waitFor();
    const walkUrl = l1.url();

    await l1.getByRole('button', {name: 'Park: waiting on the customer'}).click();
    await l1.getByLabel('What are we waiting for? (optional)').fill('Customer checks the SMTP password');
    await l1.getByRole('button', {name: 'Park walk'}).click();
    await l1.getByTestId('walk-parked').filter({hasText: 'waiting on the customer — Customer checks the SMTP password'}).waitFor();
    await expect.poll(async () => (await stack.sql`select status from handoff where intent = 'park'`).map(r => r.status)).toEqual(['open']);

    const engContext = await browser.newContext();
    const eng = await engContext.newPage();
    await signInThroughPage(eng, stack.appUrl, 'senior@northwind.test');
    await eng.goto(walkUrl);
    await eng.getByTestId('walk-parked').filter({hasText: 'Customer checks the SMTP password'}).waitFor();
    expect(await eng.getByRole('button', {name: 'Pick up again'}).count()).toBe(0);

    await l1.getByRole('button', {name: 'Pick up again'}).click();
    await l1.getByTestId('walk-parked').waitFor({state: 'detached'});
    await eng.getByTestId('walk-parked').waitFor({state: 'detached'});
    await l1.getByRole('button', {name: 'Park: waiting on the customer'}).waitFor();
    await expect.poll(async () => (await stack.sql`select status from handoff where intent = 'park'`).map(r => r.status)).toEqual(['resolved']);
    expect((await stack.sql`select action from audit_log where action in ('walk.park', 'walk.unpark') order by at`).map(r => r.action)).toEqual([
      'walk.park',
      'walk.unpark',
    ]);
    await l1Context.close();
    await engContext.close();
  });
});
