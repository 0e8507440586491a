import type {Browser} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {signInThroughPage} from '../support/browser.ts';
import type {TestStack} from '../support/stack.ts';
import {browserSuite} from '../support/suites.ts';
import {PRESENCE_TTL_MS} from '../../mutators/presence/presence.ts';

/** docs/shared-walks.md in two real browsers: the engineer watches the L1's walk live, whispers, and takes over. */
describe('shared-screen walks', () => {
  let stack: TestStack;
  let browser: Browser;
  browserSuite(world => ({stack, browser} = world));

  it('steps, notes and presence flow live; a whisper lands on the L1’s screen; take-over switches the driver', async () => {
    const [l1Ctx, engCtx] = await Promise.all([browser.newContext(), browser.newContext()]);
    const [l1, eng] = await Promise.all([l1Ctx.newPage(), engCtx.newPage()]);
    await signInThroughPage(l1, stack.appUrl, 'l1@northwind.test');
    await signInThroughPage(eng, stack.appUrl, 'senior@northwind.test');

    await l1.getByPlaceholder(/Outlook keeps asking/).fill('Outlook says Disconnected');
    await l1.locator('select[name="flowId"]').selectOption({label: "Outlook won't connect"});
    await l1.getByRole('button', {name: 'Start walk'}).click();
    await l1.locator('[data-node-id="start"]').waitFor();

    await eng.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Live walks'}).click();
    await eng.getByTestId('live-walks').getByText('Outlook says Disconnected').click();
    await eng.getByTestId('walk-problem').filter({hasText: 'Outlook says Disconnected'}).waitFor();

    // Presence both ways.
    await l1.getByTestId('presence').getByText('Sam Senior · watching').waitFor();
    await eng.getByTestId('presence').getByText('Lee Linden · driving').waitFor();

    // Presence holds while the pages stay open: after the first beat (the
    // mutator, which writes the synced row), the page beats over HTTP into
    // unsynced.presence_beat, rewriting no synced row, and the sweep keeps it.
    const seniorRow = async () =>
      (
        await stack.sql`select p.id, p.last_seen from walk_presence p join member m on m.id = p.user_id
        where m.email = 'senior@northwind.test'`
      )[0];
    const first = await seniorRow();
    await l1.waitForTimeout(PRESENCE_TTL_MS + 4_000);
    await l1.getByTestId('presence').getByText('Sam Senior · watching').waitFor({timeout: 1_000});
    expect(await seniorRow()).toEqual(first);
    const [beat] = await stack.sql`select last_seen from unsynced.presence_beat where id = ${first.id}`;
    expect(beat.last_seen).toBeGreaterThan(first.last_seen + PRESENCE_TTL_MS);

    // Each step appears on the watcher's screen without reload, within a second.
    await l1.getByRole('button', {name: 'Yes, mail loads in the browser'}).click();
    await eng.getByTestId('path').getByText('Yes, mail loads in the browser').waitFor({timeout: 1_000});
    await eng.locator('[data-node-id="status-bar"]').waitFor();

    // The engineer whispers a check; it shows on the L1's lane, marked as theirs.
    await eng.locator('select[name="laneKind"]').selectOption('check');
    await eng.locator('input[name="laneText"]').fill('Check Credential Manager for stale Office entries');
    await eng.getByRole('button', {name: 'Add', exact: true}).click();
    const whisper = l1.getByTestId('task-lane').locator('li', {hasText: 'Check Credential Manager'});
    await whisper.waitFor({timeout: 1_000});
    await whisper.getByText('from Sam Senior').waitFor();
    // The L1 answers it; the engineer sees the answer and the fact it became.
    await whisper.getByRole('textbox').fill('Two old entries found and removed');
    await whisper.getByRole('button', {name: 'Answer'}).click();
    await eng.getByTestId('task-lane').getByText('Customer: “Two old entries found and removed”').waitFor();
    await eng.getByTestId('task-lane').locator('li.lane-fact', {hasText: 'Two old entries found and removed'}).waitFor();

    // Take over: the driver changes on both screens; the former driver watches.
    await eng.getByRole('button', {name: 'Take over'}).click();
    await eng.getByText('driven by you').waitFor();
    await l1.getByText('driven by Sam Senior').waitFor();
    await l1.getByTestId('presence').getByText('Sam Senior · driving').waitFor();
    expect(await l1.getByRole('button', {name: 'Resolve walk'}).count()).toBe(0);
    const [audit] = await stack.sql`select count(*)::int as n from audit_log where action = 'walk.takeOver'`;
    expect(audit.n).toBe(1);

    // The engineer leaves; the L1's screen drops them within seconds (no ghost).
    await engCtx.close();
    await l1.getByTestId('presence').getByText('Only you').waitFor({timeout: 10_000});
    await l1Ctx.close();
  });

  it('notes reach the watcher while the L1 is still typing', async () => {
    const [l1Ctx, engCtx] = await Promise.all([browser.newContext(), browser.newContext()]);
    const [l1, eng] = await Promise.all([l1Ctx.newPage(), engCtx.newPage()]);
    await signInThroughPage(l1, stack.appUrl, 'l1b@northwind.test');
    await signInThroughPage(eng, stack.appUrl, 'owner@northwind.test');
    await l1.getByPlaceholder(/Outlook keeps asking/).fill('Teams keeps crashing');
    await l1.getByRole('button', {name: 'Start walk'}).click();
    await l1.getByTestId('walk-problem').waitFor();
    const walkUrl = l1.url();
    await eng.goto(walkUrl);
    await eng.getByTestId('notes-view').waitFor();

    const notes = l1.getByRole('textbox', {name: 'Notes', exact: true});
    await notes.click();
    await notes.pressSequentially('Crashes when sharing screen', {delay: 20});
    // Still focused, never blurred: the watcher already has it.
    await eng.getByTestId('notes-view').filter({hasText: 'Crashes when sharing screen'}).waitFor();
    expect(await notes.evaluate(el => el === document.activeElement)).toBe(true);
    await Promise.all([l1Ctx.close(), engCtx.close()]);
  });
});
