import {defineQuery} from '@rocicorp/zero';
import {zql} from '../schema/index.ts';
import {scopeAccountId} from './scope.ts';

/** The signed-in person with their account. */
export const me = defineQuery(({ctx}) =>
  zql.member
    .where('account_id', scopeAccountId(ctx))
    .where('id', ctx?.userId ?? '')
    .related('account')
    .one(),
);

/** The people of the caller's account. */
export const list = defineQuery(({ctx}) => zql.member.where('account_id', scopeAccountId(ctx)).orderBy('name', 'asc'));
