import {defineQuery} from '@rocicorp/zero';
import {canManageAccount} from '../rules/permissions.ts';
import {zql, type TandemContext} from '../schema/index.ts';
import {scopeAccountId} from './scope.ts';

/** Owners only: everyone else's admin queries match nothing. */
function ownerScope(ctx: TandemContext | undefined): string {
  return ctx && canManageAccount(ctx) ? scopeAccountId(ctx) : scopeAccountId(undefined);
}

/** The caller's account with its seat limits. */
export const currentAccount = defineQuery(({ctx}) => zql.account.where('id', scopeAccountId(ctx)).one());

/** Invites of the account, newest first (owners). */
export const invites = defineQuery(({ctx}) => zql.invite.where('account_id', ownerScope(ctx)).related('inviter').orderBy('created_at', 'desc'));
