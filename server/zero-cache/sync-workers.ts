import {availableParallelism} from 'node:os';

/**
 * How many sync workers (processes that serve client groups) each zero-cache
 * on this machine runs: `ZERO_NUM_SYNC_WORKERS` when set, otherwise the
 * machine's cores shared among its view syncers (one zero-cache, or N with
 * TANDEM_VIEW_SYNCERS=N), at least one each.
 *
 * zero-cache's own default is cores − 1, which on a 2-core machine is a
 * single worker: every client group then advances on one core while the
 * other mostly idles. At a busy account (150 open walker pages, a step
 * every 5 s per walk) two workers cut propagation p99 for bare Zero and for
 * Tandem alike (bench/README.md, issue #17). The replicator, change streamer,
 * API and Postgres share the cores with them; they are light next to the
 * sync workers under that load.
 */
export function syncWorkersPerZeroCache(viewSyncers = 1, env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): string {
  const set = env.ZERO_NUM_SYNC_WORKERS?.trim();
  if (set) return set;
  return String(Math.max(1, Math.floor(cores / Math.max(1, viewSyncers))));
}
