import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {TandemConfig} from '../config.ts';
import type {Backoff} from '../supervise/supervised-child.ts';
import {seedViewSyncerReplica} from './replica-seed.ts';
import {startZeroCache, type ZeroCacheHandle} from './zero-cache-process.ts';
import {changeStreamerPort, zeroParts} from './zero-parts.ts';
import {syncWorkersPerZeroCache} from './sync-workers.ts';

const BIND_LOOPBACK = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bind-loopback.mjs');

export type RunningZeroParts = {
  /** Every zero-cache process, in start order (the replication manager first). */
  parts: ZeroCacheHandle[];
  /** The single zero-cache (TANDEM_VIEW_SYNCERS unset). */
  single?: ZeroCacheHandle;
  replicationManager?: ZeroCacheHandle;
  viewSyncers: ZeroCacheHandle[];
  /** View syncers first (they hold the clients), the replication manager last. */
  stop: () => Promise<void>;
};

type Options = {
  config: TandemConfig;
  databaseUrl: string;
  backoff?: Partial<Backoff>;
};

/**
 * Starts Tandem's zero-cache processes, each a supervised child restarted
 * when it dies (server/supervise/supervised-child.ts): one zero-cache, or
 * with `viewSyncers: N` Zero's multi-node shape —
 *
 * - the replication manager: `ZERO_NUM_SYNC_WORKERS=0` (serves no client),
 *   owns the replication slot and the change log; its change streamer
 *   answers on loopback only (bind-loopback.mjs);
 * - N view syncers: `ZERO_CHANGE_STREAMER_URI` at the manager, each with a
 *   replica file and ports of its own. A view syncer without a replica gets
 *   a copy of the manager's before it starts (replica-seed.ts) unless a
 *   litestream executable is configured (then Zero restores its backup).
 *
 * The manager is ready (initial sync done) before the view syncers start.
 */
export async function startZeroParts({config, databaseUrl, backoff}: Options): Promise<RunningZeroParts> {
  const common = {
    upstreamDb: databaseUrl,
    dataDir: config.dataDir,
    apiUrl: config.internalApiUrl,
    adminPassword: config.zeroAdminPassword,
    authRevalidateSeconds: config.authRevalidateSeconds,
    log: config.log,
    backoff,
  };
  const started: ZeroCacheHandle[] = [];
  const stop = async () => {
    // Clients first: a view syncer stopping after its manager would only log reconnects.
    for (const part of [...started].reverse()) {
      await part.stop().catch(e => config.log(`  while stopping ${part.name}: ${e instanceof Error ? e.message : e}`));
    }
  };

  try {
    if (config.viewSyncers === 0) {
      config.log('Starting zero-cache');
      const single = startZeroCache({...common, port: config.zeroPort});
      started.push(single);
      await single.ready();
      return {parts: started, single, viewSyncers: [], stop};
    }

    const [managerPart, ...syncerParts] = zeroParts(config);
    // The single zero-cache's replica file: the manager owns the replication
    // slot and change log, as the single one did, so a data dir moves from one
    // shape to the other (and back) without a new initial sync.
    const managerReplica = path.join(config.dataDir, 'zero-replica.db');
    const streamerPort = changeStreamerPort(config);
    config.log(`Starting the zero-cache replication manager (port ${managerPart.port}, change streamer on 127.0.0.1:${streamerPort})`);
    const replicationManager = startZeroCache({
      ...common,
      name: managerPart.name,
      port: managerPart.port,
      replicaFile: managerReplica,
      logFile: path.join(config.dataDir, 'zero-replication-manager.log'),
      nodeArgs: ['--import', BIND_LOOPBACK],
      env: {
        // Named tasks: the CVR's owner column says which part serves a client group.
        ZERO_TASK_ID: managerPart.name,
        ZERO_NUM_SYNC_WORKERS: '0',
        ZERO_CHANGE_STREAMER_PORT: String(streamerPort),
        TANDEM_LOOPBACK_PORT: String(streamerPort),
      },
    });
    started.push(replicationManager);
    await replicationManager.ready();

    const restoresFromBackup = Boolean(process.env.ZERO_LITESTREAM_EXECUTABLE);
    const viewSyncers = syncerParts.map(part => {
      const replicaFile = path.join(config.dataDir, `zero-${part.name}.db`);
      config.log(`Starting zero-cache ${part.name} (port ${part.port})`);
      const syncer = startZeroCache({
        ...common,
        name: part.name,
        port: part.port,
        replicaFile,
        logFile: path.join(config.dataDir, `zero-${part.name}.log`),
        beforeLaunch: restoresFromBackup
          ? undefined
          : () => {
              if (seedViewSyncerReplica(managerReplica, replicaFile)) config.log(`${part.name}: replica seeded from the replication manager's`);
            },
        env: {
          ZERO_TASK_ID: part.name,
          ZERO_CHANGE_STREAMER_URI: `ws://127.0.0.1:${streamerPort}/`,
          ZERO_NUM_SYNC_WORKERS: syncWorkersPerZeroCache(syncerParts.length),
          // Three zero-caches share the database's connections.
          ZERO_UPSTREAM_MAX_CONNS: '10',
          ZERO_CVR_MAX_CONNS: '15',
        },
      });
      started.push(syncer);
      return syncer;
    });
    await Promise.all(viewSyncers.map(s => s.ready()));
    return {parts: started, replicationManager, viewSyncers, stop};
  } catch (error) {
    await stop();
    throw error;
  }
}
