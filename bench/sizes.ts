/**
 * How big each scenario is. `--quick` keeps every scenario and every key,
 * with fewer samples and smaller loads, to finish in under two minutes.
 */
export type Sizes = ReturnType<typeof sizesFor>;

export function sizesFor(mode: 'full' | 'quick') {
  const full = mode === 'full';
  return {
    /** Members of the load account (engineers watch and claim; L1s drive walks and escalate). */
    engineers: full ? 50 : 10,
    l1s: full ? 50 : 10,
    floorSamples: full ? 2000 : 1000,
    /** Steps per watcher count W in the propagation and bare-Zero scenarios. */
    propagationSteps: full ? 300 : 20,
    watcherCounts: [1, 3, 25] as const,
    busy: {walks: full ? 50 : 8, watchersPerWalk: 2, stepEveryMs: 5000, durationMs: full ? 60_000 : 6_000},
    /** Open walker pages per level (walks × 3), each level `levelMs`; a step unseen after `timeoutMs` fails it. */
    capacity: {
      pages: full ? [30, 60, 90, 150, 240] : [15, 30],
      levelMs: full ? 30_000 : 8_000,
      stepEveryMs: 5000,
      p99LimitMs: 500,
      timeoutMs: 10_000,
    },
    /** A realistic account: every L1 driving a walk, every engineer on Live walks + the queue, two watching each walk. */
    accountFloor: {
      l1s: full ? 50 : 10,
      engineers: full ? 50 : 10,
      watchersPerWalk: 2,
      stepEveryMs: 5000,
      escalateEveryMs: 10_000,
      durationMs: full ? 60_000 : 20_000,
      timeoutMs: 30_000,
    },
    queue: {engineerCounts: [10, 50] as const, escalations: full ? 20 : 5, everyMs: 1000},
    claimRace: {handoffs: full ? 100 : 15, claimers: 10},
    throughput: {
      clients: full ? 20 : 10,
      stageMs: full ? 6000 : 2000,
      rates: full ? [5, 10, 20, 30, 45, 60, 80, 110, 150, 200] : [5, 10, 20, 40, 80],
      p99LimitMs: 500,
    },
    initialSync: {tickets: full ? 10_000 : 500, stepsPerWalk: 10, openHandoffs: 30, coldRuns: full ? 3 : 1, awayMs: full ? 30_000 : 3_000},
    memory: {clients: full ? 200 : 30},
  };
}
