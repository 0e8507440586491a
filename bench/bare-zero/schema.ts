import {createBuilder, createSchema, number, string, table} from '@rocicorp/zero';

/**
 * The reference app of the benchmark: one table, string key. It lives in its
 * own Postgres schema (`bare`) so that Tandem's zero-cache, which replicates
 * `public`, never sees it, and only the bare zero-cache (its own app id and
 * publication) does.
 */
export const item = table('item')
  .from('bare.item')
  .columns({
    id: string(),
    room: string(),
    seq: number(),
    body: string(),
    created_at: number(),
  })
  .primaryKey('id');

export const bareSchema = createSchema({tables: [item]});
export type BareSchema = typeof bareSchema;
export const bareZql = createBuilder(bareSchema);
