import type {ServerTransaction} from '@rocicorp/zero';
import {zql} from '../../schema/index.ts';
import {recordLane, recordSteps, type WalkRecord} from './walk-record.ts';

/** A walk's structured record (docs/ai-assist.md) read in one transaction, with the state_version it reflects. */
export async function loadWalkData(tx: ServerTransaction, walkId: string): Promise<{record: WalkRecord; stateVersion: number} | undefined> {
  const walk = await tx.run(
    zql.walk
      .where('id', walkId)
      .related('ticket')
      .related('flow')
      .related('proposal')
      .related('steps', s => s.orderBy('seq', 'asc'))
      .related('lane')
      .one(),
  );
  if (!walk?.ticket) return undefined;
  const tree = walk.flow?.definition ?? walk.proposal?.definition;
  const node = tree?.nodes.find(n => n.id === walk.current_node_id);
  const record: WalkRecord = {
    problem: walk.ticket.problem_statement,
    reason: '',
    details: null,
    flowTitle: walk.flow?.title ?? walk.proposal?.title ?? null,
    steps: recordSteps(walk.steps),
    notes: walk.notes,
    stoppedAt: node?.text ?? null,
    atResolution: node?.kind === 'resolution',
    ...recordLane(walk.lane),
  };
  return {record, stateVersion: walk.state_version};
}

/** The escalation's record: the walk's, plus why it was escalated. */
export async function loadEscalationRecord(tx: ServerTransaction, handoffId: string): Promise<{record: WalkRecord; stateVersion: number} | undefined> {
  const handoff = await tx.run(zql.handoff.where('id', handoffId).one());
  if (!handoff) return undefined;
  const data = await loadWalkData(tx, handoff.walk_id);
  if (!data) return undefined;
  return {record: {...data.record, reason: handoff.reason_category, details: handoff.details ?? null}, stateVersion: data.stateVersion};
}
