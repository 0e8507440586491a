import type {ServerTransaction} from '@rocicorp/zero';
import type {TandemContext} from '../../schema/index.ts';
import {changeEnvelopeOf} from '../../rules/change-envelope.ts';

/**
 * Claims a change id for this member inside the change's own transaction.
 * Returns false when the id was claimed before: the change was already
 * applied (a replay), so it is answered without running again. A concurrent
 * duplicate waits on the first one's row and then sees it. When the change
 * is refused, its transaction rolls back and the id stays free, so a replay
 * is decided again (and refused again).
 */
export async function claimChange(tx: ServerTransaction<any, any>, ctx: TandemContext, name: string, args: unknown): Promise<boolean> {
  const {changeId} = changeEnvelopeOf(args);
  if (!changeId) return true;
  const rows = await tx.dbTransaction.query(
    `insert into tandem_internal.change_ledger (member_id, change_id, mutator, applied_at)
     values ($1, $2, $3, $4) on conflict do nothing returning change_id`,
    [ctx.userId, changeId, name, Date.now()],
  );
  return [...(rows as Iterable<unknown>)].length > 0;
}
