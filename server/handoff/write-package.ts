import type {ServerTransaction} from '@rocicorp/zero';
import {writeEscalationPackage} from '../writers/write-escalation-package.ts';
import {loadEscalationRecord} from '../writers/load-walk-record.ts';

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
  const loaded = await loadEscalationRecord(tx, handoffId);
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
