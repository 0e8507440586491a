import {defineQuery} from '@rocicorp/zero';
import * as v from 'valibot';
import {zql} from '../schema/index.ts';
import {scopeAccountId} from './scope.ts';

export const list = defineQuery(
  v.optional(
    v.object({limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)))}),
    {},
  ),
  ({args, ctx}) =>
    zql.ticket.where('account_id', scopeAccountId(ctx))
      .related('creator')
      // With each walk's escalations and who picked them up: the L1's list tells where each one stands.
      .related('walks', w => w.related('handoffs', h => h.related('claimer').orderBy('escalated_at', 'desc')))
      .orderBy('created_at', 'desc')
      .limit(args?.limit ?? 100),
);
