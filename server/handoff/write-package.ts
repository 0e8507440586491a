import type {ServerTransaction} from '@rocicorp/zero';
import {zql} from '../../schema/index.ts';
import {writeLocalPackage} from './local-package-writer.ts';

/**
 * Fills a handoff's package and assessment from its walk, in the escalating
 * transaction (the deterministic writer is instant; an AI writer can replace
 * it later, keyed by the walk's state_version).
 */
export async function writeHandoffPackage(tx: ServerTransaction, handoffId: string): Promise<void> {
  const handoff = await tx.run(
    zql.handoff
      .where('id', handoffId)
      .related('ticket')
      .related('walk', w => w.related('flow').related('proposal').related('steps', s => s.orderBy('seq', 'asc')))
      .one(),
  );
  if (!handoff?.walk || !handoff.ticket) return;
  const walk = handoff.walk;
  const tree = walk.flow?.definition ?? walk.proposal?.definition;
  const currentNode = tree?.nodes.find(n => n.id === walk.current_node_id)?.text ?? null;
  const written = writeLocalPackage({
    problem: handoff.ticket.problem_statement,
    reason: handoff.reason_category,
    details: handoff.details ?? null,
    flowTitle: walk.flow?.title ?? walk.proposal?.title ?? null,
    steps: walk.steps.map(s => ({question: s.question, answer: s.answer, note: s.note ?? null, kind: s.kind})),
    notes: walk.notes,
    currentNode,
  });
  await tx.mutate.handoff.update({
    id: handoffId,
    package: written.package,
    assessment: written.assessment,
    package_writer: 'local',
    package_state_version: walk.state_version,
  });
}
