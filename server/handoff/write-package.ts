import type {ServerTransaction} from '@rocicorp/zero';
import {zql} from '../../schema/index.ts';
import {writeEscalationPackage} from '../ai/write-escalation-package.ts';
import type {WalkRecord} from './local-package-writer.ts';

/** The walk's own recorded data, the only thing a package is built from. */
export async function loadWalkRecord(tx: ServerTransaction, handoffId: string): Promise<{record: WalkRecord; stateVersion: number} | undefined> {
  const handoff = await tx.run(
    zql.handoff
      .where('id', handoffId)
      .related('ticket')
      .related('walk', w => w.related('flow').related('proposal').related('steps', s => s.orderBy('seq', 'asc')))
      .one(),
  );
  if (!handoff?.walk || !handoff.ticket) return undefined;
  const walk = handoff.walk;
  const tree = walk.flow?.definition ?? walk.proposal?.definition;
  return {
    stateVersion: walk.state_version,
    record: {
      problem: handoff.ticket.problem_statement,
      reason: handoff.reason_category,
      details: handoff.details ?? null,
      flowTitle: walk.flow?.title ?? walk.proposal?.title ?? null,
      steps: walk.steps.map(s => ({question: s.question, answer: s.answer, note: s.note ?? null, kind: s.kind})),
      notes: walk.notes,
      currentNode: tree?.nodes.find(n => n.id === walk.current_node_id)?.text ?? null,
    },
  };
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
