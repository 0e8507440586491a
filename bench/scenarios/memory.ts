import {statSync} from 'node:fs';
import {queries} from '../../queries/index.ts';
import type {BenchContext} from '../context.ts';
import {counter, say} from '../progress.ts';
import {inTurn} from '../support/bench-account.ts';
import {clientSet} from '../support/clients.ts';
import {LiveView} from '../support/live-view.ts';
import {processMemory, processTreeMemory} from '../stack/process-memory.ts';

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const fileSize = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

/**
 * Memory with many connected clients: engineers with the queue and the live
 * walks open, L1s with their walks and the ticket list, all of the load
 * account. RSS of zero-cache (its process and the workers it forks) and of
 * the API process; the replica file after the 10,000-ticket account was loaded.
 */
export async function memory({stack, account, sessions, sizes}: BenchContext) {
  const n = sizes.memory.clients;
  say(`memory: connecting ${n} clients`);
  const clients = clientSet(stack.zeroUrl);
  const views: LiveView<unknown>[] = [];
  try {
    const before = {zeroCache: stack.zeroCachePid ? processTreeMemory(stack.zeroCachePid) : undefined, api: processMemory(stack.apiPid)};
    const people = [...inTurn(account.engineers, n / 2), ...inTurn(account.l1s, n / 2)];
    const tick = counter('clients connected', people.length);
    for (let i = 0; i < people.length; i += 20) {
      const batch = await Promise.all(
        people.slice(i, i + 20).map(async m => {
          const z = clients.tandem(await sessions.get(m));
          const open =
            m.role === 'engineer'
              ? [z.materialize(queries.handoff.queue()), z.materialize(queries.walk.active())]
              : [z.materialize(queries.walk.active()), z.materialize(queries.ticket.list({limit: 100}))];
          return open.map(v => new LiveView(v as never));
        }),
      );
      const opened = batch.flat() as LiveView<unknown>[];
      views.push(...opened);
      await Promise.all(opened.map(v => v.complete(120_000)));
      tick(Math.min(people.length, i + 20));
    }
    // Settle, then average three readings a second apart.
    await new Promise(r => setTimeout(r, 3000));
    const readings: {zeroCache: ReturnType<typeof processTreeMemory>; api: ReturnType<typeof processMemory>}[] = [];
    for (let i = 0; i < 3; i++) {
      if (!stack.zeroCachePid) throw new Error('the zero-cache process id is unknown');
      readings.push({zeroCache: processTreeMemory(stack.zeroCachePid), api: processMemory(stack.apiPid)});
      await new Promise(r => setTimeout(r, 1000));
    }
    const avg = (f: (r: (typeof readings)[number]) => number) => Math.round((readings.reduce((a, r) => a + f(r), 0) / readings.length) * 10) / 10;
    const replica = fileSize(stack.replicaFile);
    const replicaWal = fileSize(`${stack.replicaFile}-wal`) + fileSize(`${stack.replicaFile}-wal2`);
    const result = {
      clients: people.length,
      zero_cache_rss_mb: avg(r => r.zeroCache.rss),
      zero_cache_pss_mb: avg(r => r.zeroCache.pss),
      zero_cache_processes: readings[0].zeroCache.processes,
      zero_cache_rss_before_clients_mb: before.zeroCache ? Math.round(before.zeroCache.rss) : null,
      api_rss_mb: avg(r => r.api.rss),
      api_rss_before_clients_mb: Math.round(before.api.rss),
      replica_mb: mb(replica),
      replica_wal_mb: mb(replicaWal),
    };
    say(
      `  zero-cache RSS ${result.zero_cache_rss_mb} MB (PSS ${result.zero_cache_pss_mb} MB, ${result.zero_cache_processes} processes), API RSS ${result.api_rss_mb} MB, replica ${result.replica_mb} MB`,
    );
    return result;
  } finally {
    for (const v of views) v.destroy();
    await clients.closeAll();
  }
}
