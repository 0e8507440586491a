import {mkdtempSync, readdirSync, rmSync, symlinkSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import shift from 'postgres-shift';
import {ROOT_DIR} from '../config.ts';
import type {Sql} from './connect.ts';

const MIGRATIONS_DIR = path.join(ROOT_DIR, 'migrations');

function migrationFolders(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter(x => /^[0-9]{5}_/.test(x))
    .sort();
}

/** The number of the newest migration this code knows. */
export function latestMigration(): number {
  const last = migrationFolders().at(-1);
  return last ? parseInt(last.slice(0, 5), 10) : 0;
}

/**
 * Applies the numbered SQL migrations in migrations/ with postgres-shift,
 * which records each one in the `migrations` table and runs them all in one
 * transaction: a failure leaves the database as it was. `upTo` stops after
 * that migration (a restore loads rows into the shape they were saved from).
 */
export async function migrate(sql: Sql, log: (line: string) => void, options: {upTo?: number} = {}): Promise<void> {
  let dir = MIGRATIONS_DIR;
  let scratch: string | undefined;
  if (options.upTo !== undefined && options.upTo < latestMigration()) {
    // postgres-shift applies a whole folder: give it a folder of the first ones.
    scratch = mkdtempSync(path.join(os.tmpdir(), 'tandem-migrations-'));
    for (const m of migrationFolders().filter(x => parseInt(x.slice(0, 5), 10) <= options.upTo!)) {
      symlinkSync(path.join(MIGRATIONS_DIR, m), path.join(scratch, m));
    }
    dir = scratch;
  }
  try {
    if (options.upTo === 0) return;
    await shift({
      sql,
      path: dir,
      before: ({migration_id, name}: {migration_id: number; name: string}) => log(`  migration ${String(migration_id).padStart(5, '0')} ${name}`),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`a database migration failed, nothing was applied: ${message}`, {cause: error});
  } finally {
    if (scratch) rmSync(scratch, {recursive: true, force: true});
  }
}
