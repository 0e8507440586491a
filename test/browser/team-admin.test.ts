import type {Browser} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';

/** The demo owner runs the team from the browser; an invitee joins through the link. */
describe('team admin in the browser', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  it('owner invites, the invitee joins with the link, seats and audit update live, coverage toggles', async () => {
    const ownerContext = await browser.newContext();
    await ownerContext.grantPermissions(['clipboard-read', 'clipboard-write']);
    const owner = await ownerContext.newPage();
    await signInThroughPage(owner, stack.appUrl, 'owner@northwind.test');
    await owner.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Team'}).click();
    await owner.getByTestId('seats-L1').filter({hasText: '2/5'}).waitFor();
    await owner.getByTestId('seats-engineer').filter({hasText: '2/5'}).waitFor();

    await owner.locator('input[name="inviteEmail"]').fill('newbie@northwind.test');
    await owner.locator('select[name="inviteRole"]').selectOption('l1_tech');
    await owner.getByRole('button', {name: 'Create invite'}).click();
    const linkInput = owner.getByLabel('Invite link');
    await linkInput.waitFor();
    const link = await linkInput.inputValue();
    expect(link).toMatch(/\/invite\/[0-9a-f]{48}$/);
    await owner.getByTestId('invites').getByText('newbie@northwind.test').waitFor();

    const inviteeContext = await browser.newContext();
    const invitee = await inviteeContext.newPage();
    await invitee.goto(link);
    await invitee.getByText("You're invited to Northwind IT as L1 tech.").waitFor();
    await invitee.getByLabel('Your name').fill('Nia Newbie');
    await invitee.getByLabel('Choose a password').fill('a-good-password');
    await invitee.getByRole('button', {name: 'Join the team'}).click();
    await invitee.getByRole('heading', {name: /Nia/}).waitFor({timeout: 20_000});

    // The owner's screen updates without reload.
    await owner.getByTestId('members').getByText('Nia Newbie', {exact: true}).waitFor();
    await owner.getByTestId('seats-L1').filter({hasText: '3/5'}).waitFor();
    await owner.getByTestId('invites').getByText('accepted').waitFor();

    // The same link does not work twice, and says so the same way as any bad link.
    const strangerContext = await browser.newContext();
    const again = await strangerContext.newPage();
    await again.goto(link);
    await again.getByRole('alert').filter({hasText: 'not valid'}).waitFor();

    // Coverage toggle on the engineer, recorded in the audit log.
    const seniorRow = owner.locator('tr[data-member-email="senior@northwind.test"]');
    await seniorRow.getByRole('checkbox').check();
    await expect.poll(async () => (await stack.sql`select can_cover_l1 from member where email = 'senior@northwind.test'`)[0].can_cover_l1).toBe(true);
    await owner.getByTestId('audit-log').getByText('Olivia Owens let Sam Senior cover L1').waitFor();
    await owner
      .getByTestId('audit-log')
      .getByText(/joined through an invite as an L1 tech/)
      .waitFor();

    // Deactivation frees the L1 seat at once.
    await owner.locator('tr[data-member-email="newbie@northwind.test"]').getByRole('button', {name: 'Deactivate'}).click();
    await owner
      .getByRole('dialog', {name: /^Deactivate /})
      .getByRole('button', {name: 'Deactivate'})
      .click();
    await owner.getByTestId('seats-L1').filter({hasText: '2/5'}).waitFor();

    await Promise.all([ownerContext.close(), inviteeContext.close(), strangerContext.close()]);
  });

  it('an L1 tech has no Team screen', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, stack.appUrl, 'l1@northwind.test');
    expect(await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Team'}).count()).toBe(0);
    await page.goto(`${stack.appUrl}/team`);
    await page.waitForURL(u => u.pathname === '/');
    await context.close();
  });

  it('a covering engineer gets the L1 workspace with the coverage banner', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, stack.appUrl, 'cover@northwind.test');
    const nav = page.getByRole('navigation', {name: 'Main'});
    await nav.getByRole('link', {name: 'L1 workspace'}).click();
    await page.getByText("You're covering L1. Actions are logged as coverage.").waitFor();
    await nav.getByRole('link', {name: 'Live walks'}).click();
    expect(await page.getByText("You're covering L1.").count()).toBe(0);
    await context.close();
  });
  it('an owner sets seat limits beside the counter and transfers ownership through a confirmation dialog', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, stack.appUrl, 'owner@contoso.test');
    await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Team'}).click();
    await page.getByTestId('seats-engineer').filter({hasText: '1/3'}).waitFor();

    // Seat limits: below the seats in use is allowed (grandfathered); empty is unlimited.
    await page.getByRole('button', {name: 'Seat limits…'}).click();
    const limits = page.getByRole('form', {name: 'Seat limits'});
    await limits.getByLabel('Engineer seats').fill('0');
    await limits.getByLabel('L1 seats').fill('');
    await limits.getByRole('button', {name: 'Save limits'}).click();
    await page.getByTestId('seats-engineer').filter({hasText: '1/0'}).waitFor();
    await page.getByTestId('seats-L1').filter({hasText: '0/∞'}).waitFor();
    // The counter shows the change at once (optimistic); the server's commit follows.
    await expect
      .poll(async () => (await stack.sql`select engineer_seat_limit, l1_seat_limit from account where name = 'Contoso MSP'`)[0])
      .toEqual({engineer_seat_limit: 0, l1_seat_limit: null});

    // Owner is not a role to pick; "Make owner…" asks first, and Esc backs out with nothing changed.
    const row = page.locator('tr[data-member-email="engineer@contoso.test"]');
    expect(await row.locator('option[value="owner"]').isDisabled()).toBe(true);
    const makeOwner = row.getByRole('button', {name: 'Make owner…'});
    await makeOwner.click();
    const dialog = page.getByRole('dialog', {name: 'Transfer ownership to Eli Engel?'});
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({state: 'hidden'});
    expect(await makeOwner.evaluate(el => el === document.activeElement)).toBe(true);

    // With no engineer seat for the owner to step down into, the refusal stays in the dialog.
    await makeOwner.click();
    await dialog.getByRole('button', {name: 'Transfer ownership'}).click();
    await dialog.getByRole('alert').filter({hasText: 'Raise the limit on the Team page.'}).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', {name: 'Seat limits…'}).click();
    await limits.getByLabel('Engineer seats').fill('3');
    await limits.getByLabel('L1 seats').fill('3');
    await limits.getByRole('button', {name: 'Save limits'}).click();
    await page.getByTestId('seats-engineer').filter({hasText: '1/3'}).waitFor();

    await makeOwner.click();
    await dialog.getByRole('button', {name: 'Transfer ownership'}).click();
    await expect
      .poll(async () => (await stack.sql`select email, role from member where email like '%@contoso.test' order by email`).map(m => `${m.email}:${m.role}`))
      .toEqual(['engineer@contoso.test:owner', 'owner@contoso.test:engineer']);
    const [audit] = await stack.sql`select action from audit_log where action = 'member.transferOwnership'`;
    expect(audit).toBeTruthy();
    // Hand it back so the account is as seeded.
    await stack.sql`update member set role = case email when 'owner@contoso.test' then 'owner' else 'engineer' end where email like '%@contoso.test'`;
    await context.close();
  });
});
