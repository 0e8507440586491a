import {defineQuery} from '@rocicorp/zero';
import {isEngineerOrOwner} from '../mutators/permissions.ts';
import {zql} from '../schema/index.ts';
import {scopeAccountId} from './scope.ts';

/** Flows the caller may walk or edit: authors see drafts too, everyone else only published ones. */
export const list = defineQuery(({ctx}) => {
  let q = zql.flow.where('account_id', scopeAccountId(ctx));
  if (!ctx || !isEngineerOrOwner(ctx)) q = q.where('status', 'published');
  return q.orderBy('title', 'asc');
});
