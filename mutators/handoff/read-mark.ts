import type {Transaction} from '@rocicorp/zero';
import {defineMutator} from '../define.ts';
import * as v from 'valibot';
import type {Handoff, TandemContext} from '../../schema/index.ts';
import {id} from '../../rules/validators.ts';
import {loadHandoffFor} from './claimable.ts';

/** Clears the caller's unread dot on a handoff (open, claim) or dismisses it. */
export async function markRead(tx: Transaction, caller: TandemContext, handoff: Handoff, dismissed: boolean): Promise<void> {
  await tx.mutate.handoff_read.upsert({
    id: `${handoff.id}:${caller.userId}`,
    account_id: caller.accountId,
    handoff_id: handoff.id,
    user_id: caller.userId,
    read_at: Date.now(),
    dismissed,
  });
}

export const readMarkArgs = v.object({handoffId: id, dismiss: v.optional(v.boolean())});

/** Opening a card (or dismissing it) clears its unread dot, for this user, in every tab. */
export const markSeen = defineMutator(
  readMarkArgs,
  {
    audit: false,
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const {caller, handoff} = await loadHandoffFor(tx, ctx, args.handoffId);
    if (!handoff) return;
    await markRead(tx, caller, handoff, args.dismiss ?? false);
  },
);
