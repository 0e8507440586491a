import {mutators} from '../../mutators/index.ts';
import {queries} from '../../queries/index.ts';
import type {BenchContext} from '../context.ts';
import {say} from '../progress.ts';
import {summarize} from '../stats.ts';
import {inTurn} from '../support/bench-account.ts';
import {loopStep} from '../support/bench-flow.ts';
import {clientSet, type TandemZero} from '../support/clients.ts';
import {insertActiveWalks} from '../support/fixtures.ts';
import {LiveView} from '../support/live-view.ts';

type Lane = {zero: TandemZero; walkId: string; seq: number; broken: boolean};

/**
 * Throughput: many L1 clients, each on its own walk, record steps at a
 * rising total rate (open loop: the schedule does not wait for answers).
 * A stage's latency is mutate call → server confirmation. The knee is the
 * highest stage whose p99 stays within the limit; its confirmed rate is
 * the result.
 */
export async function throughput({stack, account, sessions, sizes}: BenchContext) {
  const {clients: n, stageMs, rates, p99LimitMs} = sizes.throughput;
  say(`throughput: ${n} clients, stages of ${stageMs / 1000} s at ${rates.join(', ')} steps/s, until p99 > ${p99LimitMs} ms`);
  const clients = clientSet(stack.zeroUrl);
  const views: LiveView<unknown>[] = [];
  try {
    const walks = await insertActiveWalks(stack.sql, account, inTurn(account.l1s, n), 'Load walk');
    const lanes: Lane[] = await Promise.all(
      walks.map(async w => ({zero: clients.tandem(await sessions.get(w.driver)), walkId: w.walkId, seq: 0, broken: false})),
    );
    for (const lane of lanes) views.push(new LiveView(lane.zero.materialize(queries.walk.byId({walkId: lane.walkId}))) as never);
    await Promise.all(views.map(v => v.complete(120_000)));

    const stages: {target_per_s: number; issued: number; confirmed_per_s: number; p50_ms: number; p99_ms: number; failed: number}[] = [];
    let knee: (typeof stages)[number] | undefined;
    let next = 0;
    for (const rate of rates) {
      const latencies: number[] = [];
      let failed = 0;
      const inFlight: Promise<void>[] = [];
      const start = performance.now();
      let issued = 0;
      while (performance.now() - start < stageMs) {
        const due = Math.floor(((performance.now() - start) / 1000) * rate);
        while (issued < due && !lanes.every(l => l.broken)) {
          const lane = lanes[next++ % lanes.length];
          if (lane.broken) continue;
          issued++;
          const seq = ++lane.seq;
          const t0 = performance.now();
          inFlight.push(
            lane.zero.mutate(mutators.walk.recordStep({walkId: lane.walkId, ...loopStep(seq)})).server.then(r => {
              if (r.type === 'success') latencies.push(performance.now() - t0);
              else {
                failed++;
                lane.broken = true; // its node sequence is off now; leave it out
              }
            }),
          );
        }
        await new Promise(r => setTimeout(r, 5));
      }
      const elapsed = performance.now() - start;
      await Promise.race([Promise.all(inFlight), new Promise(r => setTimeout(r, 30_000))]);
      const s = summarize(latencies);
      const stage = {
        target_per_s: rate,
        issued,
        confirmed_per_s: Math.round((latencies.length / (elapsed / 1000)) * 10) / 10,
        p50_ms: s.p50_ms,
        p99_ms: s.p99_ms,
        failed: failed + (issued - latencies.length - failed),
      };
      stages.push(stage);
      say(`  ${rate}/s: confirmed ${stage.confirmed_per_s}/s, p50 ${s.p50_ms} ms, p99 ${s.p99_ms} ms${stage.failed ? `, ${stage.failed} failed` : ''}`);
      if (!(s.p99_ms <= p99LimitMs) || stage.failed > 0) break;
      knee = stage;
    }
    const mutationsPerS = knee?.confirmed_per_s ?? 0;
    say(`  knee: ${mutationsPerS} confirmed mutations/s with p99 ≤ ${p99LimitMs} ms`);
    return {mutations_per_s: mutationsPerS, p99_limit_ms: p99LimitMs, clients: n, mutator: 'walk.recordStep', stages};
  } finally {
    for (const v of views) v.destroy();
    await clients.closeAll();
  }
}
