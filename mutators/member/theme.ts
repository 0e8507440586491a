import * as v from 'valibot';
import {THEME_CHOICES, zql} from '../../schema/index.ts';
import {defineMutator} from '../define.ts';
import {said} from '../facts.ts';
import {fail} from '../../rules/errors.ts';
import {requireContext} from '../../rules/permissions.ts';

/**
 * Only the theme: the mutator names no member, so it is always the caller's
 * own row (an extra `memberId`, like any unknown key, is dropped by the
 * validator and changes nothing of anyone else's).
 */
export const setThemeArgs = v.object({theme: v.picklist(THEME_CHOICES, 'must be system, light or dark')});

/**
 * The caller's theme, kept on their member row so that it follows them to
 * every device, live (client/theme/theme.ts). Any role may pick their own,
 * viewers included. A display preference, like a read mark, is nothing
 * anyone is accountable for: not audited.
 */
export const setTheme = defineMutator(
  setThemeArgs,
  {
    audit: false,
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: a => ({label: `Theme: ${said(a.theme) ?? 'system'}`, coalesceKey: 'theme'}),
  },
  async ({tx, ctx, args}) => {
    const caller = requireContext(ctx);
    const me = await tx.run(zql.member.where('id', caller.userId).where('account_id', caller.accountId).one());
    if (!me) {
      // Not synced here yet: the server decides.
      if (tx.location === 'client') return;
      fail('not_found', 'Member not found.');
    }
    if (me.theme === args.theme) return;
    await tx.mutate.member.update({id: me.id, theme: args.theme});
  },
);
