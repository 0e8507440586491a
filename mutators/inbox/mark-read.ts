import * as v from 'valibot';
import {zql} from '../../schema/index.ts';
import {defineMutator} from '../define.ts';
import {fail} from '../../rules/errors.ts';
import {requireContext} from '../../rules/permissions.ts';
import {id, noArgs} from '../../rules/validators.ts';

export const markReadArgs = v.object({entryId: id});
export const markAllReadArgs = noArgs;

/**
 * Marks one of the caller's inbox entries read, on every device of theirs.
 * Someone else's entry (another person's, another account's) answers like a
 * missing one (`not_found`). A read mark, like the queue's, is not audited.
 */
export const markRead = defineMutator(
  markReadArgs,
  {
    audit: false,
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = requireContext(ctx);
    const entry = await tx.run(zql.inbox_entry.where('id', args.entryId).one());
    if (!entry || entry.user_id !== caller.userId || entry.account_id !== caller.accountId) {
      // The local store may not have synced it yet: the server decides.
      if (!entry && tx.location === 'client') return;
      fail('not_found', 'Notification not found.');
    }
    if (entry.read_at != null) return;
    await tx.mutate.inbox_entry.update({id: entry.id, read_at: Date.now()});
  },
);

/** Marks every unread entry of the caller read (those the server holds, not only those on screen). */
export const markAllRead = defineMutator(
  markAllReadArgs,
  {
    audit: false,
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx}) => {
    const caller = requireContext(ctx);
    const unread = await tx.run(zql.inbox_entry.where('account_id', caller.accountId).where('user_id', caller.userId).where('read_at', 'IS', null));
    const now = Date.now();
    for (const entry of unread) await tx.mutate.inbox_entry.update({id: entry.id, read_at: now});
  },
);
