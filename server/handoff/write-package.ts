import type {ServerTransaction} from '@rocicorp/zero';
import {zql} from '../../schema/index.ts';
import {writeEscalationPackage} from '../ai/write-escalation-package.ts';
import type {WalkRecord} from './local-package-writer.ts';

/** A walk's own recorded data, the only thing generated texts are built from. */
export async function loadWalkData(tx: ServerTransaction, walkId: string) {
  const walk = await tx.run(
    zql.walk
      .where('id', walkId)
      .related('ticket')
      .related('flow')
      .related('proposal')
      .related('steps', s => s.orderBy('seq', 'asc'))
      .one(),
  );
  if (!walk?.ticket) return undefined;
  const tree = walk.flow?.definition ?? walk.proposal?.definition;
  const record: WalkRecord = {
    problem: walk.ticket.problem_statement,
    reason: '',
    details: null,
    flowTitle: walk.flow?.title ?? walk.proposal?.title ?? null,
    steps: walk.steps.map(s => ({question: s.question, answer: s.answer, note: s.note ?? null, kind: s.kind})),
    notes: walk.notes,
    currentNode: tree?.nodes.find(n => n.id === walk.current_node_id)?.text ?? null,
  };
  return {record, stateVersion: walk.state_version, atResolution: tree?.nodes.find(n => n.id === walk.current_node_id)?.kind === 'resolution'};
}

/** The escalation's walk record: the walk's data plus why it was escalated. */
export async function loadWalkRecord(tx: ServerTransaction, handoffId: string): Promise<{record: WalkRecord; stateVersion: number} | undefined> {
  const handoff = await tx.run(zql.handoff.where('id', handoffId).one());
  if (!handoff) return undefined;
  const data = await loadWalkData(tx, handoff.walk_id);
  if (!data) return undefined;
  return {record: {...data.record, reason: handoff.reason_category, details: handoff.details ?? null}, stateVersion: data.stateVersion};
}

/**
 * In the escalating transaction: without AI the deterministic package is
 * written at once; with AI the handoff is marked `pending` and the
 * background writer fills it after commit (the escalation never waits).
 */
export async function writeHandoffPackage(tx: ServerTransaction, handoffId: string, aiEnabled: boolean): Promise<void> {
  if (aiEnabled) {
    await tx.mutate.handoff.update({id: handoffId, package_writer: 'pending', package_started_at: null});
    return;
  }
  const loaded = await loadWalkRecord(tx, handoffId);
  if (!loaded) return;
  const written = await writeEscalationPackage(loaded.record, undefined, () => {});
  await tx.mutate.handoff.update({
    id: handoffId,
    package: written.package,
    assessment: written.assessment,
    package_writer: written.writer,
    package_state_version: loaded.stateVersion,
  });
}
