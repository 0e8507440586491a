import {isApplicationError} from '@rocicorp/zero/server';
import type {TandemContext} from '../../schema/index.ts';
import type {Sql} from '../../server/db/connect.ts';
import {createDbProvider} from '../../server/zero/db-provider.ts';
import {runMutation} from '../../server/zero/run-mutation.ts';
import {createServerMutators} from '../../server/zero/server-mutators.ts';
import {DEMO_PEOPLE} from '../../server/seed/demo-people.ts';

export type Outcome = {ok: true} | {ok: false; code: string; message: string; details: Record<string, unknown>};

/**
 * Runs a mutation exactly as the mutate endpoint does (server mutator,
 * checks, audit) in its own Postgres transaction, and reports the outcome.
 */
export function serverMutator(sql: Sql, {aiEnabled = false}: {aiEnabled?: boolean} = {}) {
  const db = createDbProvider(sql);
  const registry = createServerMutators({aiEnabled});
  return async (ctx: TandemContext, name: string, args: unknown): Promise<Outcome> => {
    try {
      await db.transaction(tx => runMutation(registry, tx, ctx, name, args));
      return {ok: true};
    } catch (error) {
      if (!isApplicationError(error)) throw error;
      const details = (error.details ?? {}) as Record<string, unknown>;
      return {ok: false, code: String(details.code), message: error.message, details};
    }
  };
}

/** The Zero context the server would build for a demo person. */
export function demoContext(email: string): TandemContext {
  const p = DEMO_PEOPLE.find(x => x.email === email);
  if (!p) throw new Error(`no demo person ${email}`);
  return {userId: p.id, accountId: p.accountId, role: p.role, canCoverL1: p.canCoverL1 ?? false};
}
