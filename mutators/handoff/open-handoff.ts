import type {Transaction} from '@rocicorp/zero';
import * as v from 'valibot';
import {ESCALATION_REASONS, type TandemContext, type Walk} from '../../schema/index.ts';
import {canUseL1Workspace, l1ActingAs} from '../../rules/permissions.ts';
import {optionalText} from '../../rules/validators.ts';

export const reasonCategory = v.picklist(ESCALATION_REASONS, 'must be one of the escalation reasons');
export const reasonDetails = optionalText(4000);

/** Puts a walk into the account's handoff queue (docs/handoff.md); the package is written by the server. */
export async function openEscalation(
  tx: Transaction,
  caller: TandemContext,
  walk: Pick<Walk, 'id' | 'account_id' | 'ticket_id'>,
  handoffId: string,
  reason: string,
  details: string | null | undefined,
  now: number,
): Promise<void> {
  await tx.mutate.handoff.insert({
    id: handoffId,
    account_id: walk.account_id,
    walk_id: walk.id,
    ticket_id: walk.ticket_id,
    intent: 'escalate',
    status: 'open',
    reason_category: reason,
    details: details || null,
    escalated_by: caller.userId,
    acting_as: canUseL1Workspace(caller) ? l1ActingAs(caller) : 'self',
    escalated_at: now,
  });
}
