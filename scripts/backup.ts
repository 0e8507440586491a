import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {ROOT_DIR, configFromEnv} from '../server/config.ts';
import {writeBackup} from '../server/db/backup.ts';
import {connect} from '../server/db/connect.ts';
import {embeddedDatabaseUrl, startEmbeddedPostgres, type EmbeddedDatabase} from '../server/db/embedded-postgres.ts';
import {isPortFree} from '../server/ports.ts';

/**
 * `npm run backup [-- FILE]`: every row of Tandem's database into one file
 * (default backups/tandem-<time>.tandem-backup.gz). Works while Tandem runs
 * (one consistent snapshot) and while it is stopped (the embedded PostgreSQL
 * is started for the backup and stopped again). DATABASE_URL: that database.
 */
async function main() {
  const config = configFromEnv({log: () => {}});
  const file = path.resolve(process.argv[2] ?? path.join(ROOT_DIR, 'backups', `tandem-${new Date().toISOString().replace(/[:.]/g, '-')}.tandem-backup.gz`));
  mkdirSync(path.dirname(file), {recursive: true});
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    if (await isPortFree(config.embeddedPgPort)) {
      embedded = await startEmbeddedPostgres(path.join(config.dataDir, 'postgres'), config.embeddedPgPort, () => {});
    }
    url = embeddedDatabaseUrl(config.embeddedPgPort);
  }
  const sql = connect(url, {max: 1});
  try {
    const {tables, rows, migration} = await writeBackup(sql, file);
    console.log(`Backed up ${rows} rows of ${tables} tables (migration ${migration}) to ${file}`);
  } finally {
    await sql.end({timeout: 5});
    await embedded?.stop();
  }
}

main().catch(error => {
  console.error(`Backup failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
