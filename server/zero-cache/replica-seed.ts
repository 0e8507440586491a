import {existsSync, renameSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';

const require = createRequire(import.meta.url);

type SqliteDatabase = {prepare: (sql: string) => {run: (...args: unknown[]) => unknown}; close: () => void};
type SqliteConstructor = new (file: string, options?: {fileMustExist?: boolean}) => SqliteDatabase;

/**
 * A view syncer starts from a replica and then follows the replication
 * manager's change stream from that replica's watermark. In production the
 * replica comes from the manager's litestream backup (ZERO_LITESTREAM_BACKUP_URL,
 * s3://…); the litestream build Zero needs (rocicorp's fork) ships in the
 * zero-cache image, not in the npm package. On one machine the manager's
 * own replica file is the backup: when a view syncer has no replica yet
 * (first start, or Zero deleted a corrupt one), it gets a consistent copy
 * of the manager's (`VACUUM INTO`, safe while the manager writes), and
 * catches up from the change log. Answers whether it copied.
 */
export function seedViewSyncerReplica(managerReplica: string, viewSyncerReplica: string): boolean {
  if (existsSync(viewSyncerReplica)) return false;
  if (!existsSync(managerReplica)) throw new Error(`the replication manager has no replica at ${managerReplica} yet`);
  for (const suffix of ['-wal', '-wal2', '-shm']) rmSync(viewSyncerReplica + suffix, {force: true});
  // The SQLite build zero-cache itself uses (a dependency of @rocicorp/zero).
  const Database = require('@rocicorp/zero-sqlite3') as SqliteConstructor;
  const source = new Database(managerReplica, {fileMustExist: true});
  const partial = `${viewSyncerReplica}.seeding`;
  rmSync(partial, {force: true});
  try {
    source.prepare('VACUUM INTO ?').run(partial);
  } finally {
    source.close();
  }
  // Renamed into place only when whole: a copy cut short is never taken for a replica.
  renameSync(partial, viewSyncerReplica);
  return true;
}
