import {Zero, type Row, type TypedView} from '@rocicorp/zero';
import '../support/websocket.ts';
import type {Session} from '../../test/support/sign-in.ts';
import {bareMutators, type insertArgs} from './mutators.ts';
import {bareQueries} from './queries.ts';
import {bareSchema} from './schema.ts';
import type * as v from 'valibot';

export type BareItem = Row<typeof bareSchema.tables.item>;
type MutationResult = {type: 'success'} | {type: 'error'; error: unknown};

/** The reference app's client, as the scenario uses it. */
export type BareZero = {
  /** The one named query, materialized. */
  room: (room: string) => TypedView<readonly BareItem[]>;
  /** The one mutator; resolves with the server's verdict. */
  insert: (args: v.InferOutput<typeof insertArgs>) => Promise<MutationResult>;
  close: () => Promise<void>;
};

/** A Node Zero client of the reference app (in-memory store, the session token as auth). */
export function bareClient(cacheURL: string, session: Session): BareZero {
  // Zero's types are bound to the one schema an app registers (Tandem's, in
  // schema/index.ts); this second app in the same program is typed by hand above.
  const ZeroOfAnySchema = Zero as unknown as new (
    options: object,
  ) => {
    materialize: (q: unknown) => TypedView<readonly BareItem[]>;
    mutate: (m: unknown) => {server: Promise<MutationResult>};
    close: () => Promise<void>;
  };
  const z = new ZeroOfAnySchema({
    cacheURL,
    userID: session.context.userId,
    auth: session.token,
    schema: bareSchema,
    mutators: bareMutators,
    kvStore: 'mem',
    logLevel: 'error',
    logSink: {log: () => {}},
  });
  return {
    room: room => z.materialize(bareQueries.item.byRoom({room})),
    insert: args => z.mutate(bareMutators.item.insert(args)).server,
    close: () => z.close(),
  };
}
