import {describe, expect, it} from 'vitest';
import {describeChange} from '../../client/offline/describe-change.ts';
import {argsValidatorOf} from '../../mutators/define.ts';
import {factsOf, mutatorDefinitions} from '../../mutators/index.ts';
import type {TandemContext} from '../../schema/index.ts';

const ctx: TandemContext = {userId: 'u1', accountId: 'a1', role: 'engineer', canCoverL1: true};
const subjectOf = (name: string, args: Record<string, unknown>) => {
  const audit = factsOf(name)!.audit;
  if (!audit) throw new Error(`${name} is not audited`);
  return audit(args, ctx);
};
const names = Object.entries(mutatorDefinitions).flatMap(([group, members]) => Object.keys(members).map(name => `${group}.${name}`));

describe('a mutator’s facts, declared with its definition', () => {
  it('every mutator has them, and a name that is no mutator has none', () => {
    expect(names.length).toBeGreaterThan(40);
    for (const name of names) {
      const facts = factsOf(name);
      expect(facts, name).toBeDefined();
      expect(typeof facts!.l1Workspace, name).toBe('boolean');
      expect(typeof facts!.queuesWork, name).toBe('boolean');
      expect(facts!.changesSessions === false || typeof facts!.changesSessions === 'function', name).toBe(true);
    }
    expect(factsOf('walk.escalat')).toBeUndefined();
    expect(factsOf('constructor')).toBeUndefined();
  });

  it('says what the audit row is about, and which mutators write none', () => {
    expect(subjectOf('walk.handBack', {walkId: 'w1', toUserId: 'u2'})).toEqual({
      type: 'walk',
      id: 'w1',
      details: {toUserId: 'u2'},
    });
    expect(subjectOf('account.setSeatLimits', {engineerSeatLimit: 3, l1SeatLimit: null})).toEqual({
      type: 'account',
      id: 'a1',
      details: {engineerSeatLimit: '3', l1SeatLimit: null},
    });
    const unaudited = names.filter(name => factsOf(name)!.audit === false).sort();
    // Read marks (the queue's, the inbox's, a whisper seen), presence, an unsent draft and one's own theme: nothing an owner audits.
    expect(unaudited).toEqual([
      'handoff.markSeen',
      'inbox.markAllRead',
      'inbox.markRead',
      'member.setTheme',
      'presence.heartbeat',
      'presence.leave',
      'resolutionNote.saveDraft',
      'taskLane.markSeen',
    ]);
  });

  it('marks the L1 workspace and the mutators that queue after-commit work', () => {
    expect(names.filter(name => factsOf(name)!.l1Workspace).sort()).toEqual([
      'ticket.escalateWithoutWalk',
      'ticket.intake',
      'ticket.startWalk',
      'walk.escalate',
      'walk.park',
      'walk.recordStep',
      'walk.resolve',
      'walk.stepBack',
      'walk.unpark',
      'walk.updateNotes',
    ]);
    expect(names.filter(name => factsOf(name)!.queuesWork).sort()).toEqual(['ticket.escalateWithoutWalk', 'walk.escalate']);
  });

  it('names whose sessions a change ends or changes, so that the API forgets them as it commits', () => {
    const whose = (name: string, args: Record<string, unknown>) => {
      const changes = factsOf(name)!.changesSessions;
      return changes ? changes(args, ctx) : [];
    };
    expect(names.filter(name => factsOf(name)!.changesSessions).sort()).toEqual([
      'account.updateSessionPolicy',
      'member.changeRole',
      'member.setActive',
      'member.setCoverage',
      'member.transferOwnership',
    ]);
    expect(whose('member.setActive', {memberId: 'u2', active: false})).toEqual(['u2']);
    expect(whose('member.changeRole', {memberId: 'u2', role: 'viewer'})).toEqual(['u2']);
    expect(whose('member.setCoverage', {memberId: 'u2', canCoverL1: true})).toEqual(['u2']);
    // The new owner, and the owner who stepped down to engineer.
    expect(whose('member.transferOwnership', {memberId: 'u2'})).toEqual(['u2', 'u1']);
    expect(whose('account.updateSessionPolicy', {idleMinutes: 30, absoluteHours: 8})).toBe('*');
  });

  it('describes a change for the outbox, or labels it by its name', () => {
    expect(describeChange('walk.updateNotes', {walkId: 'w1', notes: 'Rebooted'})).toEqual({
      label: 'Notes',
      text: 'Rebooted',
      walkId: 'w1',
      coalesceKey: 'notes:w1',
    });
    expect(describeChange('taskLane.answer', {itemId: 'i1', answer: 'x'.repeat(80)}).label).toBe(`Answer “${'x'.repeat(59)}…”`);
    expect(describeChange('ticket.reopen', {ticketId: 't1'})).toEqual({label: 'Reopened the ticket'});
    expect(describeChange('taskLane.setState', {itemId: 'i1', walkId: 'w1'})).toEqual({label: 'task lane: set state', walkId: 'w1'});
  });
});

describe('a mutator’s arguments are an object', () => {
  it('no mutator takes an array, null or a string as its arguments (valibot’s object alone takes an array)', async () => {
    const accepted: string[] = [];
    for (const [group, members] of Object.entries(mutatorDefinitions)) {
      for (const [name, definition] of Object.entries(members)) {
        const validator = argsValidatorOf(definition as {validator?: unknown}) as {'~standard': {validate: (x: unknown) => unknown}};
        for (const input of [[], null, 'args']) {
          const result = (await validator['~standard'].validate(input)) as {issues?: unknown};
          if (!result.issues) accepted.push(`${group}.${name}(${JSON.stringify(input)})`);
        }
      }
    }
    expect(accepted).toEqual([]);
  });
});
