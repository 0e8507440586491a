import type {Transaction} from '@rocicorp/zero';
import {zql, type Handoff, type TandemContext} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';
import {lockRow} from '../../rules/locks.ts';
import {assertEngineerOrOwner} from '../../rules/permissions.ts';

/**
 * The handoff an engineer acts on: theirs to see (their account; a parked
 * one only by its owner), read after the row lock so that it is the latest
 * committed state.
 */
export async function loadHandoffFor(
  tx: Transaction,
  ctx: TandemContext | undefined,
  handoffId: string,
): Promise<{caller: TandemContext; handoff: Handoff | undefined}> {
  const caller = assertEngineerOrOwner(ctx);
  await lockRow(tx, 'handoff', handoffId); // every claim, release and resolve of one handoff takes turns
  const handoff = await tx.run(zql.handoff.where('id', handoffId).one());
  const visible = handoff && handoff.account_id === caller.accountId && (handoff.intent === 'escalate' || handoff.escalated_by === caller.userId);
  if (!visible) {
    if (!handoff && tx.location === 'client') return {caller, handoff: undefined};
    fail('not_found', 'Handoff not found.');
  }
  return {caller, handoff};
}

/** Only the one holding the claim releases or resolves it. */
export function assertHolder(caller: TandemContext, handoff: Handoff): void {
  if (handoff.status !== 'claimed') fail('invalid_state', `This handoff is ${handoff.status}, not claimed.`, {status: handoff.status});
  if (handoff.claimed_by !== caller.userId) fail('forbidden', 'Only the engineer who picked this up can do that.');
}
