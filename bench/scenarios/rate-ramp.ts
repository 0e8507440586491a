import {say} from '../progress.ts';
import {summarize} from '../stats.ts';

/** One writer of the ramp; `write(seq)` resolves true when the server confirmed it, false when it refused. */
export type RampLane = {write: (seq: number) => Promise<boolean>};

export type RampStage = {target_per_s: number; issued: number; confirmed_per_s: number; p50_ms: number; p99_ms: number; failed: number};

/**
 * An open-loop ramp (the schedule does not wait for answers): writes are
 * issued round-robin over the lanes at each stage's total rate for
 * `stageMs`. A stage's latency is write call → server confirmation. The
 * knee is the last stage whose p99 stays within the limit with no failure;
 * its confirmed rate is the result. A lane whose write was refused is left
 * out from then on (its sequence is off).
 */
export async function rateRamp(lanes: RampLane[], {stageMs, rates, p99LimitMs}: {stageMs: number; rates: readonly number[]; p99LimitMs: number}, label: string) {
  const state = lanes.map(lane => ({lane, seq: 0, broken: false}));
  const stages: RampStage[] = [];
  let knee: RampStage | undefined;
  let next = 0;
  for (const rate of rates) {
    const latencies: number[] = [];
    let refused = 0;
    const inFlight: Promise<void>[] = [];
    const start = performance.now();
    let issued = 0;
    while (performance.now() - start < stageMs) {
      const due = Math.floor(((performance.now() - start) / 1000) * rate);
      while (issued < due && !state.every(l => l.broken)) {
        const lane = state[next++ % state.length];
        if (lane.broken) continue;
        issued++;
        const seq = ++lane.seq;
        const t0 = performance.now();
        inFlight.push(
          lane.lane.write(seq).then(
            ok => {
              if (ok) latencies.push(performance.now() - t0);
              else {
                refused++;
                lane.broken = true;
              }
            },
            () => {
              refused++;
              lane.broken = true;
            },
          ),
        );
      }
      await new Promise(r => setTimeout(r, 5));
    }
    const elapsed = performance.now() - start;
    await Promise.race([Promise.all(inFlight), new Promise(r => setTimeout(r, 30_000))]);
    const s = summarize(latencies);
    const stage: RampStage = {
      target_per_s: rate,
      issued,
      confirmed_per_s: Math.round((latencies.length / (elapsed / 1000)) * 10) / 10,
      p50_ms: s.p50_ms,
      p99_ms: s.p99_ms,
      // Refused, plus still unanswered after 30 s.
      failed: refused + (issued - latencies.length - refused),
    };
    stages.push(stage);
    say(`  ${label} ${rate}/s: confirmed ${stage.confirmed_per_s}/s, p50 ${s.p50_ms} ms, p99 ${s.p99_ms} ms${stage.failed ? `, ${stage.failed} failed` : ''}`);
    if (!(s.p99_ms <= p99LimitMs) || stage.failed > 0) break;
    knee = stage;
  }
  return {mutations_per_s: knee?.confirmed_per_s ?? 0, stages};
}
