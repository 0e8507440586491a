import type {Browser, Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import {pushMutation} from '../support/push.ts';
import {signIn} from '../support/sign-in.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';

/** Issue #21: the in-app inbox behind the header's bell, live, with read marks synced across devices. */
describe('the inbox bell', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  const bell = (page: Page) => page.getByRole('banner').getByTestId('inbox-bell');

  it('an escalation rings the bell live; the entry is a sentence that deep-links to the handoff; read marks reach the other device', async () => {
    const [desk, laptop] = [await (await browser.newContext()).newPage(), await (await browser.newContext()).newPage()];
    await signInThroughPage(desk, stack.appUrl, 'senior@northwind.test');
    await signInThroughPage(laptop, stack.appUrl, 'senior@northwind.test');
    await expect.poll(() => bell(desk).getAttribute('aria-label')).toBe('Notifications, none unread');

    // Lee escalates a ticket (as the L1's browser would).
    const l1 = await signIn(stack.appUrl, 'l1@northwind.test');
    const [ticketId, walkId, handoffId] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    for (const [name, args] of [
      ['ticket.intake', {ticketId, walkId, problemStatement: 'Printer on floor 3 jams on every job'}],
      ['walk.escalate', {walkId, handoffId, reasonCategory: 'Out of L1 scope'}],
    ] as const) {
      const {result} = await pushMutation(stack.appUrl, {token: l1.token}, name, args);
      expect(result).toMatchObject({ok: true});
    }
    const [{ref}] = await stack.sql`select ref from ticket where id = ${ticketId}`;

    // Both devices ring, without a reload.
    for (const page of [desk, laptop]) {
      await bell(page).getByTestId('inbox-count').filter({hasText: '1'}).waitFor({timeout: 15_000});
      expect(await bell(page).getAttribute('aria-label')).toBe('Notifications, 1 unread');
    }

    await bell(desk).click();
    const panel = desk.getByRole('region', {name: 'Notifications'});
    const entry = panel.getByRole('link', {name: new RegExp(`Lee Linden escalated ${ref}: “Printer on floor 3 jams on every job” \\(Out of L1 scope\\)`)});
    await entry.waitFor();
    expect(await entry.getAttribute('href')).toBe(`/handoffs/${handoffId}`);
    // Esc closes the list and gives the focus back to the bell.
    await desk.keyboard.press('Escape');
    await panel.waitFor({state: 'detached'});
    expect(await bell(desk).evaluate(el => el === document.activeElement)).toBe(true);

    await bell(desk).click();
    await entry.click();
    expect(new URL(desk.url()).pathname).toBe(`/handoffs/${handoffId}`);
    await desk
      .getByRole('button', {name: /Pick up/})
      .first()
      .waitFor({timeout: 15_000});

    // Read on the desk: the laptop's count clears by itself, and its entry reads as read.
    await bell(desk).getByTestId('inbox-count').waitFor({state: 'detached'});
    await bell(laptop).getByTestId('inbox-count').waitFor({state: 'detached', timeout: 15_000});
    await bell(laptop).click();
    await laptop.getByRole('region', {name: 'Notifications'}).locator('li[data-read="yes"]', {hasText: ref}).waitFor();
    const [row] = await stack.sql`select e.read_at from inbox_entry e join member m on m.id = e.user_id
      where m.email = 'senior@northwind.test' and e.handoff_id = ${handoffId}`;
    expect(row.read_at).toBeGreaterThan(0);
    await desk.context().close();
    await laptop.context().close();
  });

  it('mark all read clears the count on every device; an L1 who escalated gets no entry', async () => {
    const owner = await (await browser.newContext()).newPage();
    await signInThroughPage(owner, stack.appUrl, 'owner@northwind.test');
    const l1Page = await (await browser.newContext()).newPage();
    await signInThroughPage(l1Page, stack.appUrl, 'l1@northwind.test');
    const l1 = await signIn(stack.appUrl, 'l1@northwind.test');
    for (let i = 0; i < 2; i++) {
      const [ticketId, walkId, handoffId] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
      await pushMutation(stack.appUrl, {token: l1.token}, 'ticket.intake', {ticketId, walkId, problemStatement: `Laptop ${i} will not boot`});
      await pushMutation(stack.appUrl, {token: l1.token}, 'walk.escalate', {walkId, handoffId, reasonCategory: 'Out of L1 scope'});
    }
    // The two new ones, and whatever the owner had not read yet.
    const unreadOf = async () =>
      (
        await stack.sql`select count(*)::int as n from inbox_entry e join member m on m.id = e.user_id
        where m.email = 'owner@northwind.test' and e.read_at is null`
      )[0].n as number;
    await expect.poll(unreadOf, {timeout: 15_000}).toBeGreaterThanOrEqual(2);
    // Every in-app delivery for the owner written (the dispatcher may still be on an earlier test's), then the bell says that count.
    const queuedForOwner = async () =>
      (
        await stack.sql`select count(*)::int as n from notification_delivery d join member m on m.id = d.recipient_user_id
        where m.email = 'owner@northwind.test' and d.channel = 'in_app' and d.status = 'queued'`
      )[0].n as number;
    await expect.poll(queuedForOwner, {timeout: 30_000}).toBe(0);
    const shown = () =>
      bell(owner)
        .getByTestId('inbox-count')
        .textContent({timeout: 1_000})
        .catch(() => null);
    await expect.poll(async () => (await shown()) === String(await unreadOf()), {timeout: 30_000}).toBe(true);
    await bell(owner).click();
    await owner.getByRole('button', {name: 'Mark all read'}).click();
    await bell(owner).getByTestId('inbox-count').waitFor({state: 'detached'});
    await expect.poll(unreadOf, {timeout: 15_000}).toBe(0);
    expect(await bell(l1Page).getAttribute('aria-label')).toBe('Notifications, none unread');
    await owner.context().close();
    await l1Page.context().close();
  });
});
