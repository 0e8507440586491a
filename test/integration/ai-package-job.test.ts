import {describe, expect, it} from 'vitest';
import {createPackageJob} from '../../server/handoff/package-job.ts';
import {createDbProvider} from '../../server/zero/db-provider.ts';
import type {TestDatabase} from '../support/database.ts';
import {fakeModel, hang} from '../support/fake-model.ts';
import {demoContext, serverMutator} from '../support/server-mutate.ts';
import {databaseSuite} from '../support/suites.ts';

/** With AI on, the escalation commits at once and the package is written after commit. */
describe('background escalation package', () => {
  let db: TestDatabase;
  databaseSuite(world => ({db} = world));
  const l1 = demoContext('l1@northwind.test');

  async function escalate(problem: string) {
    const mutate = serverMutator(db.sql, {aiEnabled: true});
    const ids = {ticketId: crypto.randomUUID(), walkId: crypto.randomUUID(), handoffId: crypto.randomUUID()};
    expect(await mutate(l1, 'ticket.intake', {ticketId: ids.ticketId, walkId: ids.walkId, problemStatement: problem})).toEqual({ok: true});
    expect(await mutate(l1, 'walk.updateNotes', {walkId: ids.walkId, notes: 'Rebooted; password is Autumn2026'})).toEqual({ok: true});
    expect(await mutate(l1, 'walk.escalate', {walkId: ids.walkId, handoffId: ids.handoffId, reasonCategory: 'No KB available'})).toEqual({ok: true});
    return ids.handoffId;
  }
  const row = async (id: string) => (await db.sql`select package, assessment, package_writer from handoff where id = ${id}`)[0];

  it('marks the handoff pending, then fills it from the model; the prompt has this walk only, redacted', async () => {
    const handoffId = await escalate('Scanner to email stopped working');
    expect(await row(handoffId)).toMatchObject({package: null, package_writer: 'pending'});
    const model = fakeModel(() =>
      JSON.stringify({
        problem: 'Scan-to-email stopped.',
        confirmed: ['Nothing confirmed yet.'],
        tried: ['Rebooted the device.'],
        hypothesis: 'Root cause not definitively isolated.',
        nextSteps: ['Check the SMTP relay credentials on the scanner.', 'Send a test scan.'],
        likelyCause: 'Expired relay credentials.',
        basis: 'Scanning stopped with no change on the device.',
        suggestedSteps: ['Check relay'],
        confidence: 40,
      }),
    );
    const job = createPackageJob(db.sql, createDbProvider(db.sql), {client: model, model: 'm'}, () => {});
    await job.kick();
    expect(await row(handoffId)).toMatchObject({package_writer: 'ai', assessment: {confidence: 40}});
    const prompt = String(model.calls[0].params.messages[0].content);
    expect(prompt).toContain('Scanner to email stopped working');
    expect(prompt).not.toContain('Autumn2026');
    await job.kick();
    expect(model.calls).toHaveLength(1); // written once
  });

  it('falls back to the deterministic writer when the model times out', async () => {
    const handoffId = await escalate('Label printer jams');
    const job = createPackageJob(db.sql, createDbProvider(db.sql), {client: fakeModel(hang), model: 'm'}, () => {}, 50);
    await job.kick();
    const r = await row(handoffId);
    expect(r.package_writer).toBe('local');
    expect(r.package.tried.join(' ')).toContain('Rebooted; password is [redacted]');
  });
});
