import {defineQuery} from '@rocicorp/zero';
import * as v from 'valibot';
import {isEngineerOrOwner} from '../rules/permissions.ts';
import {zql} from '../schema/index.ts';
import {scopeAccountId} from './scope.ts';

/** Flows the caller may walk or edit: authors see drafts too, everyone else only published ones. */
export const list = defineQuery(({ctx}) => {
  let q = zql.flow.where('account_id', scopeAccountId(ctx));
  if (!ctx || !isEngineerOrOwner(ctx)) q = q.where('status', 'published');
  return q.orderBy('title', 'asc');
});

/** One flow with its tree, for the editor and the walker. */
export const byId = defineQuery(v.object({flowId: v.string()}), ({args, ctx}) => {
  let q = zql.flow.where('account_id', scopeAccountId(ctx)).where('id', args.flowId);
  if (!ctx || !isEngineerOrOwner(ctx)) q = q.where('status', 'published');
  return q.one();
});

/** Drafted flows (AI or manual): walkable by everyone of the account, newest first. */
export const proposals = defineQuery(({ctx}) => zql.flow_proposal.where('account_id', scopeAccountId(ctx)).orderBy('created_at', 'desc').limit(100));
