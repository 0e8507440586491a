import {defineQuery} from '@rocicorp/zero';
import * as v from 'valibot';
import {zql} from '../schema/index.ts';
import {scopeAccountId} from './scope.ts';
import {containsPattern} from './tickets.ts';

/** The account's customers whose name contains `text` (intake's suggestions), by name. */
export const search = defineQuery(
  v.object({
    text: v.pipe(v.string(), v.maxLength(200)),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))),
  }),
  ({args, ctx}) =>
    zql.customer
      .where('account_id', scopeAccountId(ctx))
      .where('name', 'ILIKE', containsPattern(args.text.trim()))
      .related('contacts', c => c.orderBy('created_at', 'desc'))
      .orderBy('name', 'asc')
      .limit(args.limit ?? 8),
);

/** One customer with its contacts and tickets, newest first (the customer page, intake's recent tickets). */
export const byId = defineQuery(
  v.object({
    customerId: v.pipe(v.string(), v.maxLength(100)),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500))),
  }),
  ({args, ctx}) =>
    zql.customer
      .where('account_id', scopeAccountId(ctx))
      .where('id', args.customerId)
      .related('contacts', c => c.orderBy('created_at', 'desc'))
      .related('tickets', t =>
        t
          .where('account_id', scopeAccountId(ctx))
          .related('assignee')
          .orderBy('created_at', 'desc')
          .limit(args.limit ?? 100),
      )
      .one(),
);
