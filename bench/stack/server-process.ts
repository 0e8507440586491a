/**
 * The stack under test, in its own process (so that the benchmark's many
 * Zero clients never share an event loop with the API): a fresh embedded
 * Postgres in a temp dir, migrations, demo seed, the API, Tandem's
 * zero-cache, and the reference app's own zero-cache (its table, publication,
 * app id, replica and ports) with its endpoints mounted in the same API.
 * Driven by bench/stack/bench-stack.ts over IPC.
 */
import {chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {startTandem, type RunningTandem} from '../../server/start.ts';
import {startZeroCache, type ZeroCacheHandle} from '../../server/zero-cache/zero-cache-process.ts';
import {freePort} from '../../test/support/free-port.ts';
import {isolatedConfig} from '../../test/support/stack.ts';
import {bareZeroRoutes, BARE_ROUTES_PATH} from '../bare-zero/routes.ts';
import {BARE_APP_ID, BARE_PUBLICATION, createBareTable} from '../bare-zero/table.ts';
import type {StackMessage, StackReady} from './messages.ts';

const send = (m: StackReady | {type: 'done'; what: string} | {type: 'error'; message: string}) => process.send?.(m);
const started = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);

let tandem: RunningTandem | undefined;
let bare: ZeroCacheHandle | undefined;
/** How the reference app's zero-cache is started: again, on the same port and replica, after a stop. */
let bareOptions: Parameters<typeof startZeroCache>[0] | undefined;
let dataDir = '';

async function stopAll() {
  await bare?.stop().catch(() => {});
  bare = undefined;
  await tandem?.stop().catch(() => {});
  tandem = undefined;
  if (dataDir) {
    keepLogs(dataDir);
    rmSync(dataDir, {recursive: true, force: true});
  }
}

/**
 * BENCH_KEEP_LOGS=DIR keeps the stack's logs (zero-cache's, both apps'; with
 * ZERO_LOG_LEVEL=info they show pipeline resets and CVR flush times) in DIR
 * before the data dir goes (bench/README.md, "How it is built").
 */
function keepLogs(from: string) {
  const to = process.env.BENCH_KEEP_LOGS;
  if (!to) return;
  try {
    mkdirSync(to, {recursive: true});
    const logs = readdirSync(from, {recursive: true, encoding: 'utf8'}).filter(f => f.endsWith('.log'));
    for (const f of logs) copyFileSync(path.join(from, f), path.join(to, f.replaceAll(path.sep, '-')));
    log(`logs kept in ${to}`);
  } catch (error) {
    log(`keeping the logs in ${to} failed: ${error}`);
  }
}

async function main() {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-'));
  chmodSync(dataDir, 0o755);
  const barePort = await freePort(3);
  const adminPassword = 'bench-admin';
  const config = await isolatedConfig(dataDir, {
    authSecret: 'bench-secret-0123456789-abcdefghijklmnop',
    zeroAdminPassword: adminPassword,
    log,
    // The reference app's routes are functions: the API runs in this process.
    apiProcess: 'in-process',
    extraRoutes: bareZeroRoutes,
    // --view-syncers=N (bench/run.ts): one replication manager and N view syncers.
    viewSyncers: Number(process.env.BENCH_VIEW_SYNCERS ?? 0),
  });
  tandem = await startTandem(config);

  await createBareTable(tandem.sql);
  const apiUrl = config.internalApiUrl;
  bareOptions = {
    upstreamDb: tandem.databaseUrl,
    dataDir: path.join(dataDir, 'bare'),
    port: barePort,
    apiUrl,
    adminPassword,
    log,
    env: {
      ZERO_APP_ID: BARE_APP_ID,
      ZERO_APP_PUBLICATIONS: BARE_PUBLICATION,
      ZERO_MUTATE_URL: `${apiUrl}/api/${BARE_ROUTES_PATH}/mutate`,
      ZERO_QUERY_URL: `${apiUrl}/api/${BARE_ROUTES_PATH}/query`,
    },
  };
  bare = startZeroCache(bareOptions);
  await bare.ready();

  send({
    type: 'ready',
    appUrl: tandem.appUrl,
    zeroUrl: tandem.zeroUrl,
    bareZeroUrl: bare.url,
    databaseUrl: tandem.databaseUrl,
    dataDir,
    replicaFile: path.join(dataDir, 'zero-replica.db'),
    apiPid: process.pid,
    zeroCachePid: tandem.zeroCache?.pid(),
    zeroParts: [tandem.replicationManager, ...tandem.viewSyncers].filter(part => part !== undefined).map(part => ({name: part.name, pid: part.pid()})),
  });
}

process.on('message', async (m: StackMessage) => {
  try {
    if (m.type === 'start-bare') {
      if (!bare && bareOptions) {
        bare = startZeroCache(bareOptions);
        await bare.ready();
      }
      send({type: 'done', what: 'start-bare'});
    } else if (m.type === 'stop-bare') {
      await bare?.stop();
      bare = undefined;
      send({type: 'done', what: 'stop-bare'});
    } else if (m.type === 'stop') {
      await stopAll();
      send({type: 'done', what: 'stop'});
      process.exit(0);
    }
  } catch (error) {
    send({type: 'error', message: String(error)});
  }
});
// The benchmark went away: take everything down with it.
process.on('disconnect', () => void stopAll().then(() => process.exit(0)));
process.on('SIGTERM', () => void stopAll().then(() => process.exit(0)));

main().catch(async error => {
  send({type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error)});
  await stopAll();
  process.exit(1);
});
