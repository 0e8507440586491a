import {createWriteStream, existsSync, mkdirSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {ROOT_DIR} from '../config.ts';
import {ZERO_APP_ID} from './zero-app.ts';
import {superviseChild, type Backoff, type SupervisedChild} from '../supervise/supervised-child.ts';
import {syncWorkersPerZeroCache} from './sync-workers.ts';

type ZeroCacheOptions = {
  upstreamDb: string;
  dataDir: string;
  port: number;
  apiUrl: string;
  adminPassword: string;
  /** ZERO_AUTH_REVALIDATE_INTERVAL_SECONDS (config.authRevalidateSeconds); default 3. */
  authRevalidateSeconds?: number;
  log: (line: string) => void;
  backoff?: Partial<Backoff>;
  /** Settings that replace the defaults below (e.g. a second instance's app id, publication, replica). */
  env?: Record<string, string>;
  /** Named in the supervisor's log lines; default "zero-cache". */
  name?: string;
  /** The replica file; default `<dataDir>/zero-replica.db`. */
  replicaFile?: string;
  /** Where its output goes; default `<dataDir>/zero-cache.log`. */
  logFile?: string;
  /** Runs before every launch (first and restarts), e.g. seeding a view syncer's replica. */
  beforeLaunch?: () => void;
  /** Node flags for it and its workers (before TANDEM_ZERO_CACHE_NODE_ARGS). */
  nodeArgs?: string[];
};

/** zero-cache under supervision, with where it listens and logs. */
export type ZeroCacheHandle = SupervisedChild & {name: string; url: string; logFile: string};

const require = createRequire(import.meta.url);

function zeroCacheCli(): string {
  // The package exports no ./package.json; resolve an export and walk to its bin.
  const entry = require.resolve('@rocicorp/zero/server');
  return path.join(path.dirname(entry), 'cli.js');
}

/**
 * zero-cache needs Node 22+ (on Node 20 its initial sync can hang): prefer the
 * Node the project pins as a dependency (npm package `node`).
 */
function nodeBinary(): string {
  const pinned = path.join(ROOT_DIR, 'node_modules', 'node', 'bin', 'node');
  return existsSync(pinned) ? pinned : process.execPath;
}

export function zeroCacheEnv(o: ZeroCacheOptions): Record<string, string> {
  return {
    ZERO_UPSTREAM_DB: o.upstreamDb,
    ZERO_REPLICA_FILE: o.replicaFile ?? path.join(o.dataDir, 'zero-replica.db'),
    ZERO_PORT: String(o.port),
    ZERO_APP_ID,
    // Only the tables clients sync (migrations/00014_sync_publication).
    ZERO_APP_PUBLICATIONS: 'tandem_sync',
    ZERO_MUTATE_URL: `${o.apiUrl}/api/zero/mutate`,
    ZERO_QUERY_URL: `${o.apiUrl}/api/zero/query`,
    ZERO_MUTATE_FORWARD_COOKIES: 'true',
    ZERO_QUERY_FORWARD_COOKIES: 'true',
    // Re-asks the API about each open connection's session every few seconds (Zero's default: 5 minutes):
    // a deactivated member's or a revoked or expired session's open socket is closed within it, and its
    // rows stop (README "Sessions"; test/integration/revocation.test.ts).
    ZERO_AUTH_REVALIDATE_INTERVAL_SECONDS: String(o.authRevalidateSeconds ?? 3),
    ZERO_NUM_SYNC_WORKERS: syncWorkersPerZeroCache(),
    ZERO_ADMIN_PASSWORD: o.adminPassword,
    ZERO_LOG_LEVEL: process.env.ZERO_LOG_LEVEL ?? 'warn',
    ZERO_ENABLE_TELEMETRY: 'false',
    DO_NOT_TRACK: '1',
  };
}

/** Polls zero-cache's /keepalive until it answers, the launch exits, or 2 minutes pass. */
async function keepaliveAnswers(name: string, url: string, port: number, exited: Promise<void>, logFile: string): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${name} exited before it was ready (log: ${logFile})`);
    try {
      const res = await fetch(`${url}/keepalive`, {signal: AbortSignal.timeout(1000)});
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`${name} did not come up on port ${port} within 2 minutes (log: ${logFile})`);
}

/**
 * Runs zero-cache as a supervised child (server/supervise/supervised-child.ts):
 * its output goes to a log file in the data dir, and if it dies unexpectedly
 * it is restarted with backoff (1 s, 2 s, 4 s … up to 30 s), which the log says.
 */
export function startZeroCache(o: ZeroCacheOptions): ZeroCacheHandle {
  mkdirSync(o.dataDir, {recursive: true});
  const logFile = o.logFile ?? path.join(o.dataDir, 'zero-cache.log');
  const name = o.name ?? 'zero-cache';
  const logStream = createWriteStream(logFile, {flags: 'a'});
  const url = `http://127.0.0.1:${o.port}`;
  const child = superviseChild({
    name,
    command: nodeBinary(),
    // TANDEM_ZERO_CACHE_NODE_ARGS: extra Node flags for zero-cache and its workers (e.g. --cpu-prof to profile).
    args: [...(o.nodeArgs ?? []), ...(process.env.TANDEM_ZERO_CACHE_NODE_ARGS?.split(' ').filter(Boolean) ?? []), zeroCacheCli()],
    env: {...process.env, ...zeroCacheEnv(o), ...o.env},
    output: chunk => logStream.write(chunk),
    // zero-cache runs workers (replicator, syncers …) as processes of its own.
    processGroup: true,
    beforeLaunch: o.beforeLaunch,
    waitReady: (_child, exited) => keepaliveAnswers(name, url, o.port, exited, logFile),
    log: o.log,
    logHint: `(log: ${logFile})`,
    backoff: o.backoff,
  });

  return {
    ...child,
    name,
    url,
    logFile,
    async stop() {
      await child.stop();
      await new Promise<void>(resolve => logStream.end(() => resolve()));
    },
  };
}
