import {spawn, type ChildProcess} from 'node:child_process';
import {createWriteStream, existsSync, mkdirSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {ROOT_DIR} from '../config.ts';

export type ZeroCacheOptions = {
  upstreamDb: string;
  dataDir: string;
  port: number;
  apiUrl: string;
  adminPassword: string;
  log: (line: string) => void;
  /** Settings that replace the defaults below (e.g. a second instance's app id, publication, replica). */
  env?: Record<string, string>;
};

export type ZeroCacheHandle = {
  url: string;
  /** The running child's process id (undefined between a crash and its restart). */
  pid: () => number | undefined;
  logFile: string;
  /** Resolves once zero-cache answers on its port. */
  ready: () => Promise<void>;
  stop: () => Promise<void>;
};

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
    ZERO_REPLICA_FILE: path.join(o.dataDir, 'zero-replica.db'),
    ZERO_PORT: String(o.port),
    ZERO_APP_ID: 'zero',
    ZERO_MUTATE_URL: `${o.apiUrl}/api/zero/mutate`,
    ZERO_QUERY_URL: `${o.apiUrl}/api/zero/query`,
    ZERO_MUTATE_FORWARD_COOKIES: 'true',
    ZERO_QUERY_FORWARD_COOKIES: 'true',
    ZERO_ADMIN_PASSWORD: o.adminPassword,
    ZERO_LOG_LEVEL: process.env.ZERO_LOG_LEVEL ?? 'warn',
    ZERO_ENABLE_TELEMETRY: 'false',
    DO_NOT_TRACK: '1',
  };
}

/**
 * Runs zero-cache as a supervised child: its output goes to a log file in
 * the data dir, and if it dies unexpectedly it is restarted with backoff
 * (1 s, 2 s, 4 s … up to 30 s), which the log says.
 */
export function startZeroCache(o: ZeroCacheOptions): ZeroCacheHandle {
  mkdirSync(o.dataDir, {recursive: true});
  const logFile = path.join(o.dataDir, 'zero-cache.log');
  const logStream = createWriteStream(logFile, {flags: 'a'});
  const url = `http://127.0.0.1:${o.port}`;
  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  const launch = () => {
    const startedAt = Date.now();
    child = spawn(nodeBinary(), [zeroCacheCli()], {
      env: {...process.env, ...zeroCacheEnv(o), ...o.env},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(logStream, {end: false});
    child.stderr?.pipe(logStream, {end: false});
    child.on('exit', (code, signal) => {
      child = undefined;
      if (stopping) return;
      if (Date.now() - startedAt > 60_000) restarts = 0;
      const delay = Math.min(30_000, 1000 * 2 ** restarts++);
      o.log(`zero-cache exited (${signal ?? `code ${code}`}); restarting in ${delay / 1000}s (log: ${logFile})`);
      restartTimer = setTimeout(launch, delay);
    });
  };
  launch();

  return {
    url,
    logFile,
    pid: () => child?.pid,
    async ready() {
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        try {
          const res = await fetch(`${url}/keepalive`, {signal: AbortSignal.timeout(1000)});
          if (res.ok) return;
        } catch {
          // not up yet
        }
        await new Promise(r => setTimeout(r, 250));
      }
      throw new Error(`zero-cache did not come up on port ${o.port} within 2 minutes (log: ${logFile})`);
    },
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      const c = child;
      if (c && c.exitCode === null) {
        const exited = new Promise<void>(resolve => c.once('exit', () => resolve()));
        c.kill('SIGTERM');
        const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      logStream.end();
    },
  };
}
