import {defineQueriesWithType, defineQueryWithType} from '@rocicorp/zero';
import * as v from 'valibot';
import {bareZql, type BareSchema} from './schema.ts';

const defineQuery = defineQueryWithType<BareSchema, undefined>();

/** The one named query: a room's items, in order. */
export const bareQueries = defineQueriesWithType<BareSchema>()({
  item: {
    byRoom: defineQuery(v.object({room: v.string()}), ({args}) => bareZql.item.where('room', args.room).orderBy('seq', 'asc')),
  },
});
