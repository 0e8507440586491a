import type {ServerTransaction, Transaction} from '@rocicorp/zero';
import {canUseL1Workspace, l1ActingAs} from '../../mutators/permissions.ts';
import type {TandemContext} from '../../schema/index.ts';
import type {SecurityAction} from '../people/security-events.ts';

type Subject = {type: string; id: string; details?: Record<string, string | boolean | null>};
type Args = Record<string, unknown>;

/**
 * What each state-changing mutator is about, for the audit log. A mutator
 * listed here gets one audit row in its own transaction; one that is not
 * listed (presence heartbeats, read marks) writes none.
 */
const walkSubject = (a: Args): Subject => ({type: 'walk', id: String(a.walkId)});
const SUBJECTS = {
  'account.updateSessionPolicy': (a, ctx) => ({
    type: 'account',
    id: ctx.accountId,
    details: {idleMinutes: String(a.idleMinutes), absoluteHours: String(a.absoluteHours)},
  }),
  'account.setSeatLimits': (a, ctx) => ({
    type: 'account',
    id: ctx.accountId,
    details: {engineerSeatLimit: a.engineerSeatLimit === null ? null : String(a.engineerSeatLimit), l1SeatLimit: a.l1SeatLimit === null ? null : String(a.l1SeatLimit)},
  }),
  'ticket.intake': a => ({type: 'ticket', id: String(a.ticketId)}),
  'ticket.escalateWithoutWalk': a => ({type: 'ticket', id: String(a.ticketId)}),
  'ticket.startWalk': a => ({type: 'ticket', id: String(a.ticketId), details: {walkId: String(a.walkId)}}),
  'ticket.reopen': a => ({type: 'ticket', id: String(a.ticketId)}),
  'ticket.close': a => ({type: 'ticket', id: String(a.ticketId), details: {reason: String(a.reason).slice(0, 200)}}),
  'walk.recordStep': walkSubject,
  'walk.stepBack': walkSubject,
  'walk.updateNotes': walkSubject,
  'walk.resolve': a => ({...walkSubject(a), details: {helpful: Boolean(a.helpful)}}),
  'walk.escalate': a => ({...walkSubject(a), details: {reasonCategory: String(a.reasonCategory)}}),
  'walk.park': walkSubject,
  'walk.unpark': walkSubject,
  'walk.takeOver': walkSubject,
  'walk.handBack': a => ({...walkSubject(a), details: {toUserId: String(a.toUserId)}}),
  'taskLane.add': a => ({type: 'task_lane_item', id: String(a.itemId), details: {kind: String(a.kind)}}),
  'taskLane.setState': a => ({type: 'task_lane_item', id: String(a.itemId), details: {state: String(a.state)}}),
  'taskLane.answer': a => ({type: 'task_lane_item', id: String(a.itemId)}),
  'taskLane.edit': a => ({type: 'task_lane_item', id: String(a.itemId)}),
  'taskLane.move': a => ({type: 'task_lane_item', id: String(a.itemId)}),
  'taskLane.remove': a => ({type: 'task_lane_item', id: String(a.itemId)}),
  'taskLane.markFixApplied': a => ({type: 'task_lane_item', id: String(a.itemId)}),
  'taskLane.recordFixOutcome': a => ({type: 'task_lane_item', id: String(a.itemId), details: {outcome: String(a.outcome)}}),
  'handoff.claim': a => ({type: 'handoff', id: String(a.handoffId)}),
  'handoff.release': a => ({type: 'handoff', id: String(a.handoffId)}),
  'handoff.resolve': a => ({type: 'handoff', id: String(a.handoffId)}),
  'handoff.editPackage': a => ({type: 'handoff', id: String(a.handoffId)}),
  'flow.create': a => ({type: 'flow', id: String(a.flowId)}),
  'flow.update': a => ({type: 'flow', id: String(a.flowId)}),
  'flow.publish': a => ({type: 'flow', id: String(a.flowId)}),
  'flow.unpublish': a => ({type: 'flow', id: String(a.flowId)}),
  'member.changeRole': a => ({type: 'member', id: String(a.memberId), details: {role: String(a.role)}}),
  'member.setActive': a => ({type: 'member', id: String(a.memberId), details: {active: Boolean(a.active)}}),
  'member.transferOwnership': a => ({type: 'member', id: String(a.memberId), details: {role: 'owner'}}),
  'member.setCoverage': a => ({type: 'member', id: String(a.memberId), details: {canCoverL1: Boolean(a.canCoverL1)}}),
  'invite.create': a => ({type: 'invite', id: String(a.inviteId), details: {email: String(a.email), role: String(a.role)}}),
  'invite.revoke': a => ({type: 'invite', id: String(a.inviteId)}),
} satisfies Record<string, (args: Args, ctx: TandemContext) => Subject>;

/** Every action an audit row can name: the audited mutators, and what the server writes itself. */
export type AuditedAction = keyof typeof SUBJECTS | 'invite.accept' | 'flow.draft' | SecurityAction;


/** Mutators that are the L1 workspace: a covering engineer's use of them is coverage. */
const L1_WORKSPACE = new Set([
  'ticket.intake',
  'ticket.escalateWithoutWalk',
  'ticket.startWalk',
  'walk.recordStep',
  'walk.stepBack',
  'walk.updateNotes',
  'walk.resolve',
  'walk.escalate',
  'walk.park',
  'walk.unpark',
]);

export async function appendAudit(
  tx: Transaction,
  ctx: TandemContext,
  mutatorName: string,
  args: Args,
): Promise<void> {
  const subjectOf = (SUBJECTS as Record<string, (args: Args, ctx: TandemContext) => Subject>)[mutatorName];
  if (!subjectOf) return;
  const subject = subjectOf(args, ctx);
  const actingAs = L1_WORKSPACE.has(mutatorName) && canUseL1Workspace(ctx) ? l1ActingAs(ctx) : 'self';
  await (tx as ServerTransaction).mutate.audit_log.insert({
    id: crypto.randomUUID(),
    account_id: ctx.accountId,
    actor_user_id: ctx.userId,
    action: mutatorName,
    subject_type: subject.type,
    subject_id: subject.id,
    acting_as: actingAs,
    details: subject.details ?? null,
    at: Date.now(),
  });
}
