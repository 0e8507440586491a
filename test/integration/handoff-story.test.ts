import {describe, expect, it} from 'vitest';
import type {EscalationPackage} from '../../schema/index.ts';
import {createPackageJob} from '../../server/handoff/package-job.ts';
import {resolutionNoteRoutes} from '../../server/http/resolution-note.ts';
import {sessionGate} from '../../server/http/session-gate.ts';
import {demoFlows} from '../../server/seed/demo-flows.ts';
import {DEMO_PEOPLE} from '../../server/seed/demo-people.ts';
import {createDbProvider} from '../../server/zero/db-provider.ts';
import type {TestDatabase} from '../support/database.ts';
import {fakeModel} from '../support/fake-model.ts';
import {demoContext, serverMutator} from '../support/server-mutate.ts';
import {databaseSuite} from '../support/suites.ts';

/**
 * docs/ai-assist.md: the package and the resolution note tell the whole walk — steps
 * (an undone one as a dead end), notes, the task lane with facts and their
 * questions, checks, and every fix with its outcome — for the local writer
 * and the AI path alike, from one structured record, redacted.
 */
describe('the handoff tells the whole story', () => {
  let db: TestDatabase;
  databaseSuite(world => ({db} = world));
  const l1 = demoContext('l1@northwind.test');
  const outlook = demoFlows.find(f => f.title === "Outlook won't connect")!;
  const names = DEMO_PEOPLE.map(p => p.name);

  /** A walk with every kind of thing on it, then escalated. Returns every id it used. */
  async function walkWithEverything(aiEnabled: boolean) {
    const mutate = serverMutator(db.sql, {aiEnabled});
    const ok = async (name: string, args: unknown) => expect(await mutate(l1, name, args)).toEqual({ok: true});
    const ids = {
      ticketId: crypto.randomUUID(),
      walkId: crypto.randomUUID(),
      handoffId: crypto.randomUUID(),
      question: crypto.randomUUID(),
      fact: crypto.randomUUID(),
      checkDone: crypto.randomUUID(),
      checkOpen: crypto.randomUUID(),
      fixFailed: crypto.randomUUID(),
      fixPartial: crypto.randomUUID(),
    };
    const {walkId} = ids;
    await ok('ticket.intake', {ticketId: ids.ticketId, walkId, problemStatement: 'Outlook keeps asking for a password', flowId: outlook.id});
    await ok('walk.recordStep', {walkId, nodeId: 'start', optionId: 'owa-works', note: 'Webmail fine; password is Hunter22x'});
    await ok('walk.recordStep', {walkId, nodeId: 'status-bar', optionId: 'status-disconnected'});
    await ok('walk.stepBack', {walkId}); // that branch was wrong: undone
    await ok('walk.recordStep', {walkId, nodeId: 'status-bar', optionId: 'status-need-password'});
    await ok('walk.updateNotes', {walkId, notes: 'Customer works from home over VPN\nRestarted the laptop once'});
    await ok('taskLane.add', {itemId: ids.question, walkId, kind: 'question', text: 'When did the prompts start?'});
    await ok('taskLane.answer', {itemId: ids.question, answer: 'Monday, right after the Office update', factId: ids.fact});
    await ok('taskLane.add', {itemId: ids.checkDone, walkId, kind: 'check', text: 'Mailbox quota in the admin center'});
    await ok('taskLane.answer', {itemId: ids.checkDone, answer: '12 GB of 50 GB used'});
    await ok('taskLane.add', {itemId: ids.checkOpen, walkId, kind: 'check', text: 'Outlook connection status window'});
    await ok('taskLane.add', {itemId: ids.fixFailed, walkId, kind: 'suggested_fix', text: 'Clear the cached Office credentials'});
    await ok('taskLane.markFixApplied', {itemId: ids.fixFailed});
    await ok('taskLane.recordFixOutcome', {itemId: ids.fixFailed, outcome: 'applied_failed', failureReason: 'Still prompting after a restart'});
    await ok('taskLane.add', {itemId: ids.fixPartial, walkId, kind: 'suggested_fix', text: 'Repair the Office install'});
    await ok('taskLane.markFixApplied', {itemId: ids.fixPartial});
    // The escalate intercept's answer: "partly, with a note", recorded just before escalating.
    await ok('taskLane.recordFixOutcome', {itemId: ids.fixPartial, outcome: 'applied_partial', note: 'Prompts stopped; the shared calendar still does not sync'});
    await ok('walk.escalate', {walkId, handoffId: ids.handoffId, reasonCategory: 'Tree dead-ended', details: 'The flow has no branch for a shared calendar'});
    return ids;
  }
  const handoff = async (id: string) => (await db.sql`select package, assessment, package_writer from handoff where id = ${id}`)[0];

  /** Nothing a generated text may carry: names, internal ids, secrets, "TBD". */
  function expectClean(text: string, ids: Record<string, string>) {
    for (const n of names) expect(text).not.toContain(n);
    for (const id of Object.values(ids)) expect(text).not.toContain(id);
    expect(text).not.toContain('Hunter22x');
    expect(text).not.toContain('TBD');
  }

  it('the local writer: facts with their question, the undone branch as a dead end, checks, failed and partial fixes tried, no invented confidence', async () => {
    const ids = await walkWithEverything(false);
    const row = await handoff(ids.handoffId);
    expect(row.package_writer).toBe('local');
    const p = row.package as EscalationPackage;

    expect(p.problem).toBe('Outlook keeps asking for a password. Escalated (Tree dead-ended): The flow has no branch for a shared calendar');
    expect(p.confirmed).toEqual([
      'Can you sign in to Outlook on the web: Yes, mail loads in the browser.',
      'In the Outlook desktop app, look at the status bar along the very bottom of the window, bottom right: Need Password, or a sign-in box keeps popping up.',
      'When did the prompts start: Monday, right after the Office update',
    ]);
    expect(p.tried).toEqual([
      'Walked the "Outlook won\'t connect" flow through 2 steps.',
      'Can you sign in to Outlook on the web: Webmail fine; password is [redacted]',
      'Went down "In the Outlook desktop app, look at the status bar along the very bottom of the window, bottom right: Disconnected / Trying to connect..." and stepped back (dead end).',
      'Checked: Mailbox quota in the admin center — 12 GB of 50 GB used.',
      'Applied the fix "Clear the cached Office credentials": it did not work — Still prompting after a restart.',
      'Applied the fix "Repair the Office install": it partly worked — Prompts stopped; the shared calendar still does not sync.',
      'Note: Customer works from home over VPN',
      'Note: Restarted the laptop once',
    ]);
    expect(p.hypothesis).toBe(
      'Partly addressed by "Repair the Office install" (Prompts stopped; the shared calendar still does not sync); the rest is not isolated yet.',
    );
    expect(p.nextSteps).toEqual([
      'Finish what "Repair the Office install" left: Prompts stopped; the shared calendar still does not sync',
      'Run the check: Outlook connection status window',
      'Continue the flow from: Have them fully close Outlook (check Task Manager that OUTLOOK.EXE is gone).',
      'Check what the flow does not cover from the last answered step, and add the missing branch to the flow.',
    ]);
    expect(row.assessment).toEqual({
      likely_cause:
        'Partly what "Repair the Office install" addresses (Prompts stopped; the shared calendar still does not sync); the remaining cause is not isolated.',
      basis: 'Based on the fix that partly worked.',
      suggested_steps: p.nextSteps.slice(0, 3),
      confidence: null,
    });
    expectClean(JSON.stringify(row), ids);
  });

  it('the AI path gets the same record (redacted), and its package is kept; a confidence without its basis is dropped', async () => {
    const ids = await walkWithEverything(true);
    expect((await handoff(ids.handoffId)).package_writer).toBe('pending');
    const answer = {
      problem: 'Outlook keeps prompting for a password; escalated because the flow has no branch for a shared calendar that does not sync.',
      confirmed: [
        'Outlook on the web signs in and the mailbox loads.',
        'The desktop status bar shows Need Password.',
        'The prompts started on Monday, right after the Office update (asked: when did the prompts start?).',
      ],
      tried: [
        'Cleared the cached Office credentials: did not work, still prompting after a restart.',
        'Repaired the Office install: partly worked, the prompts stopped but the shared calendar still does not sync.',
        'Checked the mailbox quota: 12 GB of 50 GB used.',
        'Dead end: the Disconnected branch of the status bar step was taken back.',
      ],
      hypothesis: 'The Office update left the shared calendar permission or cache in a bad state.',
      nextSteps: ['Open the Outlook connection status window and look for the shared calendar.', 'Remove and re-add the shared calendar.'],
      likelyCause: 'A stale shared-calendar cache after the Office update.',
      suggestedSteps: ['Check the connection status window.', 'Re-add the shared calendar.'],
      confidence: 70,
    };
    const model = fakeModel(() => JSON.stringify(answer));
    await createPackageJob(db.sql, createDbProvider(db.sql), {client: model, model: 'm'}, () => {}).kick();

    const prompt = JSON.parse(String(model.calls[0].params.messages[0].content).replace(/^Walk record \(JSON\):\n/, ''));
    expect(prompt.steps).toEqual([
      expect.objectContaining({answer: 'Yes, mail loads in the browser', undone: false, note: 'Webmail fine; password is [redacted]'}),
      expect.objectContaining({answer: 'Disconnected / Trying to connect...', undone: true}),
      expect.objectContaining({answer: 'Need Password, or a sign-in box keeps popping up', undone: false}),
    ]);
    expect(prompt.facts).toEqual([{text: 'Monday, right after the Office update', source: 'question', answers: 'When did the prompts start?'}]);
    expect(prompt.checks).toEqual([
      {text: 'Mailbox quota in the admin center', state: 'done', result: '12 GB of 50 GB used'},
      {text: 'Outlook connection status window', state: 'open', result: null},
    ]);
    expect(prompt.fixes).toEqual([
      expect.objectContaining({
        text: 'Clear the cached Office credentials',
        outcome: 'applied_failed',
        ran: true,
        failureReason: 'Still prompting after a restart',
        superseded: true,
      }),
      expect.objectContaining({
        text: 'Repair the Office install',
        outcome: 'applied_partial',
        ran: true,
        note: 'Prompts stopped; the shared calendar still does not sync',
        superseded: false,
      }),
    ]);
    expect(prompt.fixAnswerAtEscalation).toEqual({
      fix: 'Repair the Office install',
      outcome: 'applied_partial',
      note: 'Prompts stopped; the shared calendar still does not sync',
    });
    expect(prompt.notes).toBe('Customer works from home over VPN\nRestarted the laptop once');
    expectClean(JSON.stringify(prompt), ids);

    const row = await handoff(ids.handoffId);
    expect(row.package_writer).toBe('ai');
    expect(row.package.tried).toEqual(answer.tried);
    // The answer gave a number but no basis for it: no confidence is shown.
    expect(row.assessment).toEqual({likely_cause: answer.likelyCause, suggested_steps: answer.suggestedSteps, confidence: null, basis: null});
  });

  it('a never-applied fix is the hypothesis, never tried; a fact with no steps is still confirmed', async () => {
    const mutate = serverMutator(db.sql);
    const ids = {ticketId: crypto.randomUUID(), walkId: crypto.randomUUID(), handoffId: crypto.randomUUID(), fact: crypto.randomUUID(), fix: crypto.randomUUID()};
    const ok = async (name: string, args: unknown) => expect(await mutate(l1, name, args)).toEqual({ok: true});
    await ok('ticket.intake', {ticketId: ids.ticketId, walkId: ids.walkId, problemStatement: 'Teams camera is black'});
    await ok('taskLane.add', {itemId: ids.fact, walkId: ids.walkId, kind: 'fact', text: 'The camera works in the Windows Camera app'});
    await ok('taskLane.add', {itemId: ids.fix, walkId: ids.walkId, kind: 'suggested_fix', text: 'Pick the right camera in Teams device settings'});
    await ok('taskLane.markFixApplied', {itemId: ids.fix});
    await ok('taskLane.recordFixOutcome', {itemId: ids.fix, outcome: 'dismissed'}); // intercept: "never applied"
    await ok('walk.escalate', {walkId: ids.walkId, handoffId: ids.handoffId, reasonCategory: 'No KB available'});
    const {package: p, assessment} = await handoff(ids.handoffId);
    expect(p.confirmed).toEqual(['The camera works in the Windows Camera app']);
    expect(p.tried).toEqual(['No diagnostic actions run yet.']);
    expect(p.hypothesis).toBe('Suggested fix, never applied: Pick the right camera in Teams device settings. It is still untested.');
    expect(p.nextSteps[0]).toBe('Apply the suggested fix and verify it: Pick the right camera in Teams device settings');
    expect(assessment).toMatchObject({confidence: null, basis: 'Based on the suggested fix in the task lane; it has not been applied, so it is untested.'});
  });

  it('the resolution note: no undone steps, facts with their questions, the notes, the fix that worked as the resolution; line breaks kept when posted', async () => {
    const mutate = serverMutator(db.sql);
    const ok = async (name: string, args: unknown) => expect(await mutate(l1, name, args)).toEqual({ok: true});
    const ids = {ticketId: crypto.randomUUID(), walkId: crypto.randomUUID(), question: crypto.randomUUID(), fact: crypto.randomUUID(), fix: crypto.randomUUID()};
    const {walkId} = ids;
    await ok('ticket.intake', {ticketId: ids.ticketId, walkId, problemStatement: 'Outlook keeps asking for a password', flowId: outlook.id});
    await ok('walk.recordStep', {walkId, nodeId: 'start', optionId: 'owa-works'});
    await ok('walk.recordStep', {walkId, nodeId: 'status-bar', optionId: 'status-offline'});
    await ok('walk.stepBack', {walkId});
    await ok('walk.recordStep', {walkId, nodeId: 'status-bar', optionId: 'status-need-password'});
    await ok('walk.updateNotes', {walkId, notes: 'Signed out of Office\nSigned back in with MFA'});
    await ok('taskLane.add', {itemId: ids.question, walkId, kind: 'question', text: 'Did the password change recently?'});
    await ok('taskLane.answer', {itemId: ids.question, answer: 'Yes, yesterday', factId: ids.fact});
    await ok('taskLane.add', {itemId: ids.fix, walkId, kind: 'suggested_fix', text: 'Remove the stale Office credentials from Credential Manager'});
    await ok('taskLane.markFixApplied', {itemId: ids.fix}); // verifying: resolving records it as a success

    const app = resolutionNoteRoutes(
      createDbProvider(db.sql),
      undefined,
      sessionGate(async () => l1),
      () => {},
    );
    const res = await app.request(`/${walkId}/resolution-note`, {method: 'POST'});
    expect(res.status).toBe(200);
    const [stored] = await db.sql`select draft, writer from generated_text where id = ${`${walkId}:resolution_note`}`;
    const note: string = stored.draft;
    expect(stored.writer).toBe('local');
    expect(
      note
        .split('\n\n')
        .map(s => s.split('\n')[0])
        .slice(0, 4),
    ).toEqual(['Problem', 'What we confirmed', 'Root cause', 'Resolution']);
    expect(note).toContain('- Can you sign in to Outlook on the web: Yes, mail loads in the browser.');
    expect(note).toContain('- Did the password change recently: Yes, yesterday');
    expect(note).not.toContain('Working Offline');
    expect(note).not.toContain('- Yes, yesterday');
    expect(note).not.toContain('not definitively isolated');
    expect(note).toContain('Resolution\nRemove the stale Office credentials from Credential Manager');
    expect(note).toContain('Notes from the call:\n- Signed out of Office\n- Signed back in with MFA');
    expectClean(note, ids);

    await ok('walk.resolve', {walkId, helpful: true, resolutionNotes: note});
    const [ticket] = await db.sql`select resolution_notes from ticket where id = ${ids.ticketId}`;
    expect(ticket.resolution_notes).toBe(note);
    expect(ticket.resolution_notes.split('\n').length).toBeGreaterThan(8);
  });
});
