import {existsSync, readdirSync, realpathSync, renameSync, rmSync} from 'node:fs';
import path from 'node:path';
import {configFromEnv} from '../server/config.ts';
import {readBackupHeader, restoreBackup} from '../server/db/backup.ts';
import {connect} from '../server/db/connect.ts';
import {startEmbeddedPostgres} from '../server/db/embedded-postgres.ts';
import {isPortFree} from '../server/ports.ts';

/**
 * `npm run restore FILE`: replaces the embedded database with a backup.
 * Tandem must be stopped. The current cluster is kept beside it
 * (postgres.before-restore-<time>), a fresh one is created, the backup
 * loaded, and zero-cache's replica removed so that the next `npm start`
 * syncs the restored database from scratch.
 */
async function main() {
  const file = process.argv[2];
  if (!file) throw new Error('name the backup file: npm run restore -- FILE');
  const config = configFromEnv({log: () => {}});
  if (config.databaseUrl) {
    throw new Error('restore replaces the embedded database; for the PostgreSQL at DATABASE_URL use your own tools (the backup file holds COPY text per table)');
  }
  if (!(await isPortFree(config.embeddedPgPort)) || !(await isPortFree(config.port))) {
    throw new Error('Tandem is running: stop it (Ctrl-C where npm start runs) before restoring');
  }
  const header = await readBackupHeader(path.resolve(file));
  const clusterLink = path.join(config.dataDir, 'postgres');
  if (existsSync(clusterLink)) {
    const real = realpathSync(clusterLink);
    const aside = `${real}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(real, aside);
    console.log(`The current database was moved to ${aside}`);
  }
  // zero-cache's replicas of the old database (the single one or the manager's and each view syncer's): the next start syncs the restored one from scratch.
  for (const f of existsSync(config.dataDir) ? readdirSync(config.dataDir) : []) {
    if (/^zero-(replica|view-syncer-\d+)\.db/.test(f)) rmSync(path.join(config.dataDir, f), {force: true, recursive: true});
  }
  const db = await startEmbeddedPostgres(clusterLink, config.embeddedPgPort, () => {});
  const sql = connect(db.url, {max: 2});
  try {
    const {tables, rows} = await restoreBackup(sql, path.resolve(file), () => {});
    console.log(`Restored ${rows} rows of ${tables} tables from ${file} (taken ${header.taken_at}). Start Tandem with npm start.`);
  } finally {
    await sql.end({timeout: 5});
    await db.stop();
  }
}

main().catch(error => {
  console.error(`Restore failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
