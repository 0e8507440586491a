import path from 'node:path';
import {startApiInProcess, startApiProcess, type ApiHandle} from './api/api-process.ts';
import type {TandemConfig} from './config.ts';
import {connect, type Sql} from './db/connect.ts';
import {startEmbeddedPostgres, type EmbeddedDatabase} from './db/embedded-postgres.ts';
import {migrate} from './db/migrate.ts';
import {assertPortsFree} from './ports.ts';
import {seedDemoData} from './seed/demo-seed.ts';
import type {Backoff} from './supervise/supervised-child.ts';
import {startZeroParts, type RunningZeroParts} from './zero-cache/start-zero-parts.ts';
import type {ZeroCacheHandle} from './zero-cache/zero-cache-process.ts';
import {zeroPortsInUse} from './zero-cache/zero-parts.ts';

export type RunningTandem = {
  config: TandemConfig;
  databaseUrl: string;
  appUrl: string;
  /** Where a Node client reaches zero-cache (the first view syncer with several). */
  zeroUrl: string;
  /** The supervisor's own pool (migrations, seed; tests read and arrange data with it). */
  sql: Sql;
  /** The API (a supervised child process unless config.apiProcess is 'in-process'). */
  api: ApiHandle;
  /** zero-cache, when this process spawned a single one (TANDEM_VIEW_SYNCERS unset). */
  zeroCache?: ZeroCacheHandle;
  /** With TANDEM_VIEW_SYNCERS=N: the replication manager … */
  replicationManager?: ZeroCacheHandle;
  /** … and the N view syncers (empty otherwise). */
  viewSyncers: ZeroCacheHandle[];
  /** The embedded PostgreSQL, when DATABASE_URL is not set. */
  postgres?: EmbeddedDatabase;
  /**
   * Graceful, in this order: the API finishes its in-flight requests and
   * exits, then zero-cache stops, then the pools close and Postgres stops.
   */
  stop: () => Promise<void>;
};

/**
 * The supervisor: brings the whole stack up in order — Postgres (embedded
 * unless DATABASE_URL), migrations, demo data, the API (a supervised child
 * process), then zero-cache (a supervised child; it needs the API for its
 * mutate and query calls). A child that dies is restarted with backoff.
 */
export async function startTandem(config: TandemConfig, options: {backoff?: Partial<Backoff>} = {}): Promise<RunningTandem> {
  const {log} = config;
  let postgres: EmbeddedDatabase | undefined;
  let sql: Sql | undefined;
  let api: ApiHandle | undefined;
  let zero: RunningZeroParts | undefined;
  let stopped = false;
  const step = async (what: string, fn: () => Promise<void>) => fn().catch(e => log(`  while stopping ${what}: ${e instanceof Error ? e.message : e}`));
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (api) await step('the API', api.stop);
    if (zero) await step('zero-cache', zero.stop);
    if (sql) await step('the database pool', () => sql!.end({timeout: 5}));
    if (postgres) await step('PostgreSQL', postgres.stop);
  };

  try {
    await assertPortsFree([
      {port: config.port, what: 'the web app and API', env: 'PORT'},
      ...(config.spawnZeroCache ? zeroPortsInUse(config).map(p => ({...p, env: 'ZERO_PORT'})) : []),
      ...(config.databaseUrl ? [] : [{port: config.embeddedPgPort, what: 'embedded PostgreSQL', env: 'TANDEM_PG_PORT'}]),
    ]);

    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      log(`Starting embedded PostgreSQL (data in ${path.join(config.dataDir, 'postgres')})`);
      postgres = await startEmbeddedPostgres(path.join(config.dataDir, 'postgres'), config.embeddedPgPort, log);
      databaseUrl = postgres.url;
    } else {
      log('Using the PostgreSQL at DATABASE_URL');
    }

    sql = connect(databaseUrl, {max: 10});
    const [{wal_level}] = await sql<{wal_level: string}[]>`show wal_level`;
    if (wal_level !== 'logical') {
      throw new Error(`PostgreSQL must run with wal_level=logical for zero-cache (it has ${wal_level}).`);
    }

    log('Applying migrations');
    await migrate(sql, line => log(line));
    if (config.seedDemoData) {
      log('Seeding demo data');
      await seedDemoData(sql);
    }

    if (config.apiProcess === 'child') {
      log('Starting the API (supervised child process)');
      api = startApiProcess(config, databaseUrl, options.backoff);
    } else {
      api = await startApiInProcess(config, databaseUrl);
    }
    await api.ready();

    if (config.spawnZeroCache) {
      zero = await startZeroParts({config, databaseUrl, backoff: options.backoff});
    }

    return {
      config,
      databaseUrl,
      appUrl: `http://localhost:${config.port}`,
      zeroUrl: (zero?.single ?? zero?.viewSyncers[0])?.url ?? config.internalZeroUrl.split(',')[0].trim(),
      sql,
      api,
      zeroCache: zero?.single,
      replicationManager: zero?.replicationManager,
      viewSyncers: zero?.viewSyncers ?? [],
      postgres,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
