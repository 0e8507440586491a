import {existsSync, renameSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';

const require = createRequire(import.meta.url);

type SqliteStatement = {run: (...args: unknown[]) => unknown; get: () => Record<string, unknown> | undefined};
type SqliteDb = {prepare: (sql: string) => SqliteStatement; close: () => void};
type Sqlite = new (file: string, options?: {fileMustExist?: boolean}) => SqliteDb;

/** The SQLite build zero-cache itself uses (a dependency of @rocicorp/zero). */
const open = (file: string) => new (require('@rocicorp/zero-sqlite3') as Sqlite)(file, {fileMustExist: true});

/** Which initial sync a replica comes from, and how far it has replicated (null: not a readable replica). */
function replicaPosition(file: string): {replicaVersion: string; watermark: string} | null {
  let db: SqliteDb | undefined;
  try {
    db = open(file);
    const config = db.prepare('select replicaVersion from "_zero.replicationConfig"').get();
    const state = db.prepare('select stateVersion from "_zero.replicationState"').get();
    if (typeof config?.replicaVersion !== 'string' || typeof state?.stateVersion !== 'string') return null;
    return {replicaVersion: config.replicaVersion, watermark: state.stateVersion};
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

function removeReplica(file: string) {
  for (const suffix of ['', '-wal', '-wal2', '-shm']) rmSync(file + suffix, {force: true});
}

/**
 * A view syncer starts from a replica and then follows the replication
 * manager's change stream from that replica's watermark. In production the
 * replica comes from the manager's litestream backup (ZERO_LITESTREAM_BACKUP_URL,
 * s3://…); the litestream build Zero needs (rocicorp's fork) ships in the
 * zero-cache image, not in the npm package. On one machine the manager's
 * own replica file is the backup: before each launch a view syncer keeps
 * its own replica when it is of the same initial sync and at least as far
 * as the manager's (the change log is never purged past the manager's
 * replica, so it can catch up from there); otherwise (none yet, damaged,
 * another initial sync, or older) it gets a consistent copy of the
 * manager's (`VACUUM INTO`, safe while the manager writes) and catches up
 * from the change log. Answers whether it copied.
 */
export function seedViewSyncerReplica(managerReplica: string, viewSyncerReplica: string): boolean {
  const manager = replicaPosition(managerReplica);
  if (!manager) throw new Error(`the replication manager has no readable replica at ${managerReplica} yet`);
  const own = existsSync(viewSyncerReplica) ? replicaPosition(viewSyncerReplica) : null;
  if (own && own.replicaVersion === manager.replicaVersion && own.watermark >= manager.watermark) return false;
  removeReplica(viewSyncerReplica);
  const partial = `${viewSyncerReplica}.seeding`;
  rmSync(partial, {force: true});
  const source = open(managerReplica);
  try {
    source.prepare('VACUUM INTO ?').run(partial);
  } finally {
    source.close();
  }
  // Renamed into place only when whole: a copy cut short is never taken for a replica.
  renameSync(partial, viewSyncerReplica);
  return true;
}
