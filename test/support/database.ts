import {chmodSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {connect, type Sql} from '../../server/db/connect.ts';
import {startEmbeddedPostgres} from '../../server/db/embedded-postgres.ts';
import {migrate} from '../../server/db/migrate.ts';
import {seedDemoData} from '../../server/seed/demo-seed.ts';
import {freePort} from './free-port.ts';

export type TestDatabase = {sql: Sql; url: string; dispose: () => Promise<void>};

/**
 * A real PostgreSQL for server-mutator tests: embedded, in a fresh temp dir,
 * migrated and seeded. Never DATABASE_URL.
 */
export async function startTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-db-'));
  chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres(path.join(dir, 'postgres'), await freePort(), () => {});
  const sql = connect(db.url, {max: 10});
  await migrate(sql, () => {});
  await seedDemoData(sql);
  return {
    sql,
    url: db.url,
    dispose: async () => {
      await sql.end({timeout: 5});
      await db.stop();
      rmSync(dir, {recursive: true, force: true});
    },
  };
}
