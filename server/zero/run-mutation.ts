import {getMutator, InputValidationError, isMutator, type Transaction} from '@rocicorp/zero';
import {isApplicationError} from '@rocicorp/zero/server';
import {fail} from '../../rules/errors.ts';
import type {TandemContext} from '../../schema/index.ts';
import {appendAudit} from './audit.ts';
import {claimChange} from './change-ledger.ts';
import type {ServerMutators} from './server-mutators.ts';
import {isTransientDatabaseError} from '../db/transient-db-errors.ts';

/**
 * Runs one pushed mutation inside its Postgres transaction: the change
 * ledger (exactly once for replays), the server's mutator (shared code plus
 * authoritative checks), then its audit row.
 * Every refusal leaves as an ApplicationError with a stable code; anything
 * unexpected is logged here and reported without internals, except a lost
 * database connection, which fails the push so that it is retried.
 */
export async function runMutation(serverMutators: ServerMutators, tx: Transaction, ctx: TandemContext, name: string, args: unknown): Promise<void> {
  // Only the mutators themselves: a path may also reach inherited members
  // ("constructor", "__proto__") or the registry's own tag ("~").
  const mutator = getMutator(serverMutators, name);
  if (!isMutator(mutator)) fail('invalid_input', `Unknown mutator "${name.slice(0, 100)}".`);
  try {
    // A replay of a change already applied is answered, not applied again.
    if (!(await claimChange(tx as never, ctx, name, args))) return;
    await mutator.fn({tx, args, ctx} as never);
    await appendAudit(tx, ctx, name, (args ?? {}) as Record<string, unknown>);
  } catch (error) {
    if (isApplicationError(error)) throw error;
    // The database went away (e.g. restarting): not this change's fault; the push is retried.
    if (isTransientDatabaseError(error)) throw error;
    if (error instanceof InputValidationError) {
      fail('invalid_input', error.message.replace(/^Validation failed for mutator [^:]+: /, 'Invalid input: '));
    }
    console.error(`[mutate] ${name} failed:`, error);
    fail('invalid_state', 'The server could not apply this change.');
  }
}
