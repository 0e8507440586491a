import type {Browser} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import {demoContext, serverMutator} from '../support/server-mutate.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';

/**
 * The audit log reads as sentences naming and linking their subject, filters
 * by subject and date, and pages past 200. It is read over HTTP (not synced):
 * it reads again on Refresh, when the window regains focus, and after the
 * owner's own change on the page.
 */
describe('the audit log', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  it('says "Sam Senior took over the walk on NW-…", links it, filters by subject and date, shows more than 200', async () => {
    const mutate = serverMutator(stack.sql);
    const l1 = demoContext('l1@northwind.test');
    const senior = demoContext('senior@northwind.test');
    const owner = demoContext('owner@northwind.test');
    const ticketId = crypto.randomUUID();
    const walkId = crypto.randomUUID();
    expect(await mutate(l1, 'ticket.intake', {ticketId, walkId, problemStatement: 'Shared drive is read-only', flowId: null})).toEqual({ok: true});
    expect(await mutate(senior, 'walk.takeOver', {walkId, expectedDriverId: l1.userId})).toEqual({ok: true});
    expect(await mutate(owner, 'member.setCoverage', {memberId: senior.userId, canCoverL1: true})).toEqual({ok: true});
    const [{ref}] = await stack.sql`select ref from ticket where id = ${ticketId}`;
    expect(ref).toMatch(/^NW-\d+$/);
    // A long history: 210 older rows, so the newest 200 are not all of it.
    const [{account_id}] = await stack.sql`select account_id from member where id = ${owner.userId}`;
    const dayAgo = Date.now() - 3 * 24 * 60 * 60 * 1000;
    for (let i = 0; i < 210; i++) {
      await stack.sql`insert into audit_log (id, account_id, actor_user_id, action, subject_type, subject_id, acting_as, details, at)
        values (${crypto.randomUUID()}, ${account_id}, ${l1.userId}, 'walk.recordStep', 'walk', ${walkId}, 'self', null, ${dayAgo - i * 1000})`;
    }

    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, stack.appUrl, 'owner@northwind.test');
    await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Team'}).click();
    const log = page.getByTestId('audit-log');
    const sentences = log.getByTestId('audit-sentence');

    const tookOver = sentences.filter({hasText: `Sam Senior took over the walk on ${ref}`});
    await tookOver.waitFor();
    expect(await tookOver.getByRole('link', {name: `the walk on ${ref}`}).getAttribute('href')).toBe(`/walks/${walkId}`);
    const intake = sentences.filter({hasText: `Lee Linden took the call ${ref}`});
    expect(await intake.getByRole('link', {name: ref}).getAttribute('href')).toBe(`/tickets/${ticketId}`);
    await sentences.filter({hasText: 'Olivia Owens let Sam Senior cover L1'}).waitFor();
    expect(await log.getByText('walk.takeOver').count()).toBe(0);

    // Paged: the newest 200, then more.
    await expect.poll(() => sentences.count()).toBe(200);
    await page.getByRole('button', {name: 'Load more'}).click();
    const [{total}] = await stack.sql`select count(*)::int as total from audit_log where account_id = ${account_id}`;
    expect(total).toBeGreaterThan(200);
    expect(total).toBeLessThan(400);
    await expect.poll(() => sentences.count()).toBe(total);
    expect(await page.getByRole('button', {name: 'Load more'}).count()).toBe(0);

    // By subject: only the rows about that member.
    await log
      .getByRole('row')
      .filter({hasText: 'let Sam Senior cover L1'})
      .getByRole('button', {name: /^Only this\s*: rows about Sam Senior$/})
      .click();
    await page.getByTestId('audit-subject-filter').filter({hasText: 'Only about Sam Senior'}).waitFor();
    await expect.poll(() => sentences.count()).toBe(1);
    await page.getByRole('button', {name: 'Show everything'}).click();
    // By kind of subject: tickets.
    await page.locator('select[name="auditSubjectType"]').selectOption('ticket');
    const [{tickets}] = await stack.sql`select count(*)::int as tickets from audit_log where account_id = ${account_id} and subject_type = 'ticket'`;
    await expect.poll(() => sentences.count()).toBe(tickets);
    expect(await sentences.filter({hasText: 'took over'}).count()).toBe(0);
    await sentences.filter({hasText: `Lee Linden took the call ${ref}`}).waitFor();
    await page.locator('select[name="auditSubjectType"]').selectOption('');

    // By date: up to the day before yesterday only the 210 older rows.
    const day = (ms: number) => {
      const d = new Date(ms);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    await page.locator('input[name="auditTo"]').fill(day(dayAgo));
    await expect.poll(() => sentences.count()).toBe(200);
    expect(await sentences.filter({hasText: 'took over'}).count()).toBe(0);
    await page.locator('input[name="auditTo"]').fill('');
    await page.locator('input[name="auditFrom"]').fill(day(Date.now() + 2 * 24 * 60 * 60 * 1000));
    await page.getByText('Nothing recorded that matches.').waitFor();
    await context.close();
  });
  it('reads again after the owner’s own change, on Refresh, and when the window regains focus', async () => {
    const l1 = demoContext('l1@northwind.test');
    const owner = demoContext('owner@northwind.test');
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, stack.appUrl, 'owner@northwind.test');
    await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Team'}).click();
    const sentences = page.getByTestId('audit-log').getByTestId('audit-sentence');
    await page.getByRole('button', {name: 'Refresh'}).waitFor();
    await expect.poll(() => page.getByText('Loading the audit log…').count()).toBe(0);

    // The owner's own change on the page: its row shows without anything else.
    const cover = page.locator('tr[data-member-email="cover@northwind.test"]').getByRole('checkbox');
    await cover.uncheck();
    await sentences.filter({hasText: 'Olivia Owens stopped Casey Cover covering L1'}).waitFor();

    // Someone else's change (written elsewhere) shows on Refresh, not before.
    const closed = async (reason: string) => {
      await stack.sql`insert into audit_log (id, account_id, actor_user_id, action, subject_type, subject_id, acting_as, details, at)
        values (${crypto.randomUUID()}, ${owner.accountId}, ${l1.userId}, 'ticket.close', 'ticket', ${crypto.randomUUID()}, 'self',
                ${stack.sql.json({reason})}, ${Date.now()})`;
      return sentences.filter({hasText: `Lee Linden closed a ticket: ${reason}`});
    };
    const byButton = await closed('Customer moved away');
    await page.getByRole('button', {name: 'Refresh'}).click();
    await byButton.waitFor();
    const byFocus = await closed('Duplicate of another call');
    expect(await byFocus.count()).toBe(0);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await byFocus.waitFor();
    await context.close();
  });
});
