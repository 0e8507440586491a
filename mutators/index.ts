import {defineMutators} from '@rocicorp/zero';
import type {MutatorFacts} from './facts.ts';
import {setSeatLimits} from './account/seat-limits.ts';
import {updateSessionPolicy} from './account/session-policy.ts';
import * as flow from './flow/author.ts';
import {saveDraft} from './resolution-note/save-draft.ts';
import {claim} from './handoff/claim.ts';
import {editPackage} from './handoff/edit-package.ts';
import {markSeen} from './handoff/read-mark.ts';
import * as handoff from './handoff/release.ts';
import * as inbox from './inbox/mark-read.ts';
import * as invite from './invite/manage.ts';
import * as member from './member/admin.ts';
import {transferOwnership} from './member/ownership.ts';
import {setTheme} from './member/theme.ts';
import * as presence from './presence/presence.ts';
import {add as addLaneItem} from './task-lane/add.ts';
import * as lane from './task-lane/change.ts';
import * as fix from './task-lane/fix.ts';
import {markSeen as markWhisperSeen} from './task-lane/seen.ts';
import {takeOver} from './walk/take-over.ts';
import {handBack} from './walk/hand-back.ts';
import {escalateWithoutWalk} from './ticket/escalate-without-walk.ts';
import {close as closeTicket} from './ticket/close.ts';
import {intake} from './ticket/intake.ts';
import {reopen} from './ticket/reopen.ts';
import {startWalk} from './ticket/start-walk.ts';
import {escalate} from './walk/escalate.ts';
import {park} from './walk/park.ts';
import {unpark} from './walk/unpark.ts';
import {recordStep} from './walk/record-step.ts';
import {resolve} from './walk/resolve.ts';
import {stepBack} from './walk/step-back.ts';
import {updateNotes} from './walk/update-notes.ts';

/**
 * The shared mutator tree (docs/contract.md). The browser runs these optimistically;
 * the server runs the same code, with its authoritative layer, in
 * server/zero/server-mutators.ts.
 */
export const mutatorDefinitions = {
  account: {
    updateSessionPolicy,
    setSeatLimits,
  },
  flow: {
    create: flow.create,
    update: flow.update,
    publish: flow.publish,
    unpublish: flow.unpublish,
  },
  handoff: {
    claim,
    release: handoff.release,
    resolve: handoff.resolve,
    markSeen,
    editPackage,
  },
  member: {
    changeRole: member.changeRole,
    setActive: member.setActive,
    setCoverage: member.setCoverage,
    transferOwnership,
    setTheme,
  },
  inbox: {
    markRead: inbox.markRead,
    markAllRead: inbox.markAllRead,
  },
  invite: {
    create: invite.create,
    revoke: invite.revoke,
  },
  ticket: {
    intake,
    escalateWithoutWalk,
    startWalk,
    reopen,
    close: closeTicket,
  },
  walk: {
    recordStep,
    stepBack,
    updateNotes,
    resolve,
    escalate,
    park,
    unpark,
    takeOver,
    handBack,
  },
  taskLane: {
    add: addLaneItem,
    setState: lane.setState,
    answer: lane.answer,
    edit: lane.edit,
    move: lane.move,
    remove: lane.remove,
    markFixApplied: fix.markApplied,
    recordFixOutcome: fix.recordOutcome,
    markSeen: markWhisperSeen,
  },
  resolutionNote: {
    saveDraft,
  },
  presence: {
    heartbeat: presence.heartbeat,
    leave: presence.leave,
  },
};

/** The registry clients and the server use; `mutatorDefinitions` keeps each validator reachable (tests). */
export const mutators = defineMutators(mutatorDefinitions);

export type Mutators = typeof mutators;

type Definitions = typeof mutatorDefinitions;

/** The names of the mutators that write an audit row (their `audit` fact is not `false`). */
export type AuditedMutatorName = {
  [G in keyof Definitions]: {
    [M in keyof Definitions[G]]: Definitions[G][M] extends {facts: {audit: false}} ? never : `${G & string}.${M & string}`;
  }[keyof Definitions[G]];
}[keyof Definitions];

const FACTS = new Map<string, MutatorFacts<any>>(
  Object.entries(mutatorDefinitions).flatMap(([group, members]) =>
    Object.entries(members).map(([name, definition]) => [`${group}.${name}`, definition.facts as MutatorFacts<any>] as const),
  ),
);

/** The facts declared with a mutator (mutators/facts.ts), by its pushed name; undefined for a name that is none. */
export function factsOf(name: string): MutatorFacts<any> | undefined {
  return FACTS.get(name);
}
