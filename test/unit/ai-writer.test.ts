import {describe, expect, it} from 'vitest';
import {AiUnavailable, completeJson} from '../../server/ai/complete-json.ts';
import {ESCALATION_SYSTEM_PROMPT, escalationAnswer, escalationUserPrompt} from '../../server/writers/escalation-prompt.ts';
import {writeEscalationPackage} from '../../server/writers/write-escalation-package.ts';
import {emptyWalkRecord, type WalkRecord} from '../../server/writers/walk-record.ts';
import {fakeModel, hang} from '../support/fake-model.ts';

const walk: WalkRecord = {
  ...emptyWalkRecord('VPN drops every ten minutes; password is Summer2026'),
  reason: 'Tree dead-ended',
  flowTitle: 'VPN keeps dropping',
  steps: [{question: 'Is the whole internet dropping?', answer: 'No, only the VPN', note: 'token ghp_abcdefghijklmnopqrstuvwxyz0123', undone: false}],
  notes: 'Reinstalled the client',
  stoppedAt: 'Does the drop match large transfers?',
  facts: [{text: 'Drops at exactly 10 minutes; secret=hunter2hunter2', source: 'question', answers: 'How often does it drop?'}],
};
const good = {
  problem: 'VPN tunnel drops every ten minutes while the internet stays up.',
  confirmed: ['Internet stays up while the VPN drops.'],
  tried: ['Reinstalled the VPN client.'],
  hypothesis: 'Root cause not definitively isolated.',
  nextSteps: ['Check the VPN gateway idle timeout.', 'Compare the drop times with large transfers.'],
  likelyCause: 'An idle or rekey timeout on the gateway.',
  basis: 'The drops are exactly ten minutes apart.',
  suggestedSteps: ['Check the gateway logs around a drop.'],
  confidence: 55,
};

describe('the AI escalation writer', () => {
  it('parses a good answer into the package, labelled as written by AI, with caching requested', async () => {
    const model = fakeModel(() => JSON.stringify(good));
    const written = await writeEscalationPackage(walk, {client: model, model: 'test-model'}, () => {});
    expect(written.writer).toBe('ai');
    expect(written.package.nextSteps).toEqual(good.nextSteps);
    expect(written.assessment).toEqual({likely_cause: good.likelyCause, suggested_steps: good.suggestedSteps, confidence: 55, basis: good.basis});
    // A number without its explanation is not kept.
    const unexplained = await writeEscalationPackage(walk, {client: fakeModel(() => JSON.stringify({...good, basis: undefined})), model: 'm'}, () => {});
    expect(unexplained.assessment.confidence).toBeNull();
    const params = model.calls[0].params;
    expect(params.system).toEqual([{type: 'text', text: ESCALATION_SYSTEM_PROMPT, cache_control: {type: 'ephemeral'}}]);
    expect(params.model).toBe('test-model');
  });

  it.each([
    ['malformed JSON', () => '{"problem": "half an answer'],
    ['the wrong shape', () => JSON.stringify({...good, confidence: 250})],
    ['an API error', () => Promise.reject(new Error('529 overloaded'))],
  ])('falls back to the deterministic writer on %s', async (_label, answer) => {
    const lines: string[] = [];
    const written = await writeEscalationPackage(walk, {client: fakeModel(answer), model: 'm'}, l => lines.push(l));
    expect(written.writer).toBe('local');
    expect(written.package.hypothesis).toContain('Root cause not definitively isolated.');
    expect(lines.some(l => l.includes('escalation package'))).toBe(true);
  });

  it('falls back when the model does not answer within the budget', async () => {
    const written = await writeEscalationPackage(walk, {client: fakeModel(hang), model: 'm'}, () => {}, 50);
    expect(written.writer).toBe('local');
  });

  it('without a key the deterministic writer is used, and secrets never reach either writer’s text', async () => {
    const written = await writeEscalationPackage(walk, undefined, () => {});
    expect(written.writer).toBe('local');
    const all = JSON.stringify(written);
    expect(all).not.toContain('Summer2026');
    expect(all).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123');
  });

  it('the prompt carries only this walk’s data, redacted; the system prompt carries no data at all', async () => {
    const user = escalationUserPrompt(walk);
    expect(user).toContain('VPN drops every ten minutes');
    expect(user).not.toContain('Summer2026');
    expect(user).not.toContain('ghp_');
    expect(user).toContain('How often does it drop?');
    expect(user).not.toContain('hunter2hunter2');
    const other = escalationUserPrompt(emptyWalkRecord('Printer offline at Fabrikam'));
    expect(other).not.toContain('VPN');
    expect(ESCALATION_SYSTEM_PROMPT).not.toMatch(/@|\d{4,}|Fabrikam|Northwind|Contoso|VPN|printer|Outlook/i);
  });

  it('a second call sends the identical system prompt (so the cache is read)', async () => {
    const model = fakeModel(() => JSON.stringify(good));
    const ai = {client: model, model: 'm'};
    const lines: string[] = [];
    await completeJson(ai, {purpose: 'p', system: ESCALATION_SYSTEM_PROMPT, user: 'a', schema: escalationAnswer, timeoutMs: 1000}, l => lines.push(l));
    await completeJson(ai, {purpose: 'p', system: ESCALATION_SYSTEM_PROMPT, user: 'b', schema: escalationAnswer, timeoutMs: 1000}, l => lines.push(l));
    expect(model.calls[0].params.system).toEqual(model.calls[1].params.system);
    expect(lines[1]).toContain('cache read 90');
    await expect(
      completeJson({client: fakeModel(() => 'nope'), model: 'm'}, {purpose: 'p', system: 's', user: 'u', schema: escalationAnswer, timeoutMs: 1000}),
    ).rejects.toBeInstanceOf(AiUnavailable);
  });
});
