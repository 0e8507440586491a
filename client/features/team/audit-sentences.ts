import type {AuditedAction} from '../../../server/zero/audit.ts';

/** What an audit row is about, as far as the log shows it: a label and, where it has one, its page. */
export type SubjectRef = {label: string; href?: string};

/** An audit row with its subject loaded (an entry of GET /api/audit, rules/audit-log.ts `AuditEntry`). */
export type AuditRowForSentence = {
  action: string;
  subject_type: string;
  subject_id: string;
  details?: unknown;
  subjectMember?: {id: string; name: string} | undefined;
  subjectTicket?: {id: string; ref?: string | null} | undefined;
  subjectWalk?: {id: string; ticket?: {id: string; ref?: string | null} | undefined} | undefined;
  subjectHandoff?: {id: string; ticket?: {id: string; ref?: string | null} | undefined} | undefined;
  subjectLaneItem?: {id: string; text: string; walk?: {id: string; ticket?: {ref?: string | null} | undefined} | undefined} | undefined;
  subjectFlow?: {id: string; title: string} | undefined;
  subjectInvite?: {email: string} | undefined;
};

/** A sentence after the actor's name: words and subjects, in order ("took over", the walk on NW-1042). */
export type SentencePart = string | SubjectRef;
type Say = (row: AuditRowForSentence, nameOf: (memberId: string) => string | undefined) => SentencePart[];

const ROLE_WORDS: Record<string, string> = {owner: 'an owner', engineer: 'an engineer', l1_tech: 'an L1 tech', viewer: 'a viewer'};
const OUTCOME_WORDS: Record<string, string> = {
  applied_pending: 'is pending',
  applied_success: 'worked',
  applied_partial: 'partly worked',
  applied_failed: "didn't work",
  dismissed: 'was dismissed',
};
const LANE_STATE_WORDS: Record<string, string> = {open: 'reopened', done: 'marked done', dismissed: 'dismissed'};

const detail = (row: AuditRowForSentence, key: string): string | undefined => {
  const d = row.details as Record<string, unknown> | null | undefined;
  const value = d?.[key];
  return value === null || value === undefined ? undefined : String(value);
};
const ticketLabel = (t: {ref?: string | null} | undefined) => t?.ref ?? 'a ticket';

/** The row's subject in words, linked to its page. */
export function subjectOf(row: AuditRowForSentence): SubjectRef {
  switch (row.subject_type) {
    case 'member':
      return row.subjectMember ? {label: row.subjectMember.name, href: `#member-${row.subjectMember.id}`} : {label: 'a former member'};
    case 'ticket':
      return {label: ticketLabel(row.subjectTicket), href: `/tickets/${row.subject_id}`};
    case 'walk':
      return {label: `the walk on ${ticketLabel(row.subjectWalk?.ticket)}`, href: `/walks/${row.subject_id}`};
    case 'handoff':
      return {label: `the escalation of ${ticketLabel(row.subjectHandoff?.ticket)}`, href: `/handoffs/${row.subject_id}`};
    case 'task_lane_item': {
      const item = row.subjectLaneItem;
      if (!item) return {label: 'a task-lane item'};
      const text = item.text.length > 60 ? `${item.text.slice(0, 59)}…` : item.text;
      return {label: `“${text}” on ${ticketLabel(item.walk?.ticket)}`, href: item.walk ? `/walks/${item.walk.id}` : undefined};
    }
    case 'flow':
      return row.subjectFlow ? {label: row.subjectFlow.title, href: `/flows/${row.subjectFlow.id}`} : {label: 'a flow'};
    case 'flow_proposal':
      return {label: 'a flow proposal'};
    case 'invite':
      return {label: row.subjectInvite?.email ?? detail(row, 'email') ?? 'an invite'};
    case 'account':
      return {label: 'the account'};
    default:
      return {label: row.subject_type};
  }
}

const limit = (value: string | undefined) => (value === undefined ? 'unlimited' : value);

/**
 * Every audited action as a sentence in the product's words. Keyed by
 * `AuditedAction` (server/zero/audit.ts): a newly audited mutator without
 * its sentence here does not compile.
 */
const SENTENCES: Record<AuditedAction, Say> = {
  'account.updateSessionPolicy': r => [
    `changed the session policy (signed out after ${detail(r, 'idleMinutes')} idle minutes, at most ${detail(r, 'absoluteHours')} hours)`,
  ],
  'account.setSeatLimits': r => [`set the seat limits: ${limit(detail(r, 'engineerSeatLimit'))} engineers, ${limit(detail(r, 'l1SeatLimit'))} L1 techs`],
  'ticket.intake': r => ['took the call', subjectOf(r)],
  'ticket.escalateWithoutWalk': r => ['escalated', subjectOf(r), 'without a walk'],
  'ticket.startWalk': r => ['started a new walk on', subjectOf(r)],
  'ticket.reopen': r => ['reopened', subjectOf(r)],
  'ticket.close': r => ['closed', subjectOf(r), `: ${detail(r, 'reason') ?? ''}`],
  'walk.recordStep': r => ['answered a step on', subjectOf(r)],
  'walk.stepBack': r => ['stepped back on', subjectOf(r)],
  'walk.updateNotes': r => ['updated the notes on', subjectOf(r)],
  'walk.resolve': r => ['resolved', subjectOf(r), detail(r, 'helpful') === 'false' ? '(not helpful)' : ''],
  'walk.escalate': r => ['escalated', subjectOf(r), `(${detail(r, 'reasonCategory') ?? 'no reason'})`],
  'walk.park': r => ['parked', subjectOf(r), 'to wait on the customer'],
  'walk.unpark': r => ['picked up', subjectOf(r), 'again'],
  'walk.takeOver': r => ['took over', subjectOf(r)],
  'walk.handBack': (r, nameOf) => ['handed', subjectOf(r), `back to ${nameOf(detail(r, 'toUserId') ?? '') ?? 'someone'}`],
  'taskLane.add': r => ['added', subjectOf(r), 'to the task lane'],
  'taskLane.setState': r => [LANE_STATE_WORDS[detail(r, 'state') ?? ''] ?? 'changed', subjectOf(r)],
  'taskLane.answer': r => ['recorded the answer to', subjectOf(r)],
  'taskLane.edit': r => ['edited', subjectOf(r)],
  'taskLane.move': r => ['moved', subjectOf(r), 'in the task lane'],
  'taskLane.remove': r => ['deleted', subjectOf(r), 'from the task lane'],
  'taskLane.markFixApplied': r => ['ran the fix', subjectOf(r)],
  'taskLane.recordFixOutcome': r => ['recorded that the fix', subjectOf(r), OUTCOME_WORDS[detail(r, 'outcome') ?? ''] ?? 'changed'],
  'handoff.claim': r => ['picked up', subjectOf(r), 'from the queue'],
  'handoff.release': r => ['released', subjectOf(r), 'back to the queue'],
  'handoff.resolve': r => ['resolved', subjectOf(r)],
  'handoff.editPackage': r => ['edited the escalation package of', subjectOf(r)],
  'flow.create': r => ['created the flow', subjectOf(r)],
  'flow.update': r => ['edited the flow', subjectOf(r)],
  'flow.publish': r => ['published the flow', subjectOf(r)],
  'flow.unpublish': r => ['unpublished the flow', subjectOf(r)],
  'flow.draft': r => ['drafted', subjectOf(r), detail(r, 'writer') === 'ai' ? 'with AI' : ''],
  'member.changeRole': r => ['made', subjectOf(r), ROLE_WORDS[detail(r, 'role') ?? ''] ?? 'something else'],
  'member.setActive': r => [detail(r, 'active') === 'false' ? 'deactivated' : 'reactivated', subjectOf(r)],
  'member.transferOwnership': r => ['transferred ownership of the account to', subjectOf(r)],
  'member.setCoverage': r => (detail(r, 'canCoverL1') === 'false' ? ['stopped', subjectOf(r), 'covering L1'] : ['let', subjectOf(r), 'cover L1']),
  'invite.create': r => ['invited', subjectOf(r), `as ${ROLE_WORDS[detail(r, 'role') ?? ''] ?? 'a member'}`],
  'invite.revoke': r => ['revoked the invite for', subjectOf(r)],
  'invite.accept': r => [`joined through an invite as ${ROLE_WORDS[detail(r, 'role') ?? ''] ?? 'a member'}`],
  'member.changePassword': r => [detail(r, 'sessionsEnded') === 'true' ? 'changed their password and signed out their other devices' : 'changed their password'],
  'member.resetPassword': () => ['reset their password by email (signed out everywhere)'],
  'member.signOutEverywhere': () => ['signed out on every device'],
};

/** The row as a sentence after its actor's name; an action this build does not know reads as its name. */
export function auditSentence(row: AuditRowForSentence, nameOf: (memberId: string) => string | undefined): SentencePart[] {
  const say = (SENTENCES as Record<string, Say | undefined>)[row.action];
  return (say ? say(row, nameOf) : [row.action, subjectOf(row)]).filter(part => part !== '');
}

/** An action in words for the action filter ("took over …"), from its sentence with the subject left open. */
export function actionWords(action: string): string {
  const parts = auditSentence({action, subject_type: '', subject_id: '', details: {}}, () => undefined);
  return parts
    .map(p => (typeof p === 'string' ? p : '…'))
    .join(' ')
    .replace(/ … :/, ' …:')
    .replace(/\s+/g, ' ')
    .trim();
}
