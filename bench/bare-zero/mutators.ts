import {defineMutatorsWithType, defineMutatorWithType} from '@rocicorp/zero';
import * as v from 'valibot';
import type {BareSchema} from './schema.ts';

const defineMutator = defineMutatorWithType<BareSchema, undefined>();

export const insertArgs = v.object({
  id: v.string(),
  room: v.string(),
  seq: v.number(),
  body: v.string(),
  createdAt: v.number(),
});

/** The one mutator: insert an item. */
export const bareMutators = defineMutatorsWithType<BareSchema>()({
  item: {
    insert: defineMutator(insertArgs, async ({tx, args}) => {
      await tx.mutate.item.insert({id: args.id, room: args.room, seq: args.seq, body: args.body, created_at: args.createdAt});
    }),
  },
});
