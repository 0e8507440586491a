import path from 'node:path';
import shift from 'postgres-shift';
import {ROOT_DIR} from '../config.ts';
import type {Sql} from './connect.ts';

/**
 * Applies the numbered SQL migrations in migrations/ with postgres-shift,
 * which records each one in the `migrations` table and runs them all in one
 * transaction: a failure leaves the database as it was.
 */
export async function migrate(sql: Sql, log: (line: string) => void): Promise<void> {
  try {
    await shift({
      sql,
      path: path.join(ROOT_DIR, 'migrations'),
      before: ({migration_id, name}: {migration_id: number; name: string}) =>
        log(`  migration ${String(migration_id).padStart(5, '0')} ${name}`),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`a database migration failed, nothing was applied: ${message}`, {cause: error});
  }
}
