import {connect} from '../../server/db/connect.ts';
import type {BenchContext} from '../context.ts';
import {counter, say} from '../progress.ts';
import {summarize} from '../stats.ts';

/**
 * The machine's floor: Postgres NOTIFY from one connection to another that
 * LISTENs, one at a time. Nothing can propagate a change faster than this.
 */
export async function floor({stack, sizes}: BenchContext) {
  const n = sizes.floorSamples;
  say(`floor: ${n} NOTIFY → LISTEN round trips`);
  const listener = connect(stack.databaseUrl, {max: 1});
  const notifier = connect(stack.databaseUrl, {max: 1});
  const pending = new Map<string, (at: number) => void>();
  try {
    await listener.listen('bench_floor', payload => pending.get(payload)?.(performance.now()));
    await notifier`select 1`;
    const samples: number[] = [];
    const tick = counter('floor', n);
    for (let i = 0; i < n; i++) {
      const key = String(i);
      const seen = new Promise<number>(resolve => pending.set(key, resolve));
      const t0 = performance.now();
      await notifier`select pg_notify('bench_floor', ${key})`;
      samples.push((await seen) - t0);
      pending.delete(key);
      tick(i + 1);
    }
    const s = summarize(samples);
    return {p50_ms: s.p50_ms, p95_ms: s.p95_ms, p99_ms: s.p99_ms, samples: s.samples};
  } finally {
    await listener.end({timeout: 5});
    await notifier.end({timeout: 5});
  }
}
