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
    propagationSteps: full ? 300 : 40,
    watcherCounts: [1, 3, 25] as const,
    busy: {walks: full ? 50 : 10, watchersPerWalk: 2, stepEveryMs: 5000, durationMs: full ? 60_000 : 15_000},
    queue: {engineerCounts: [10, 50] as const, escalations: full ? 30 : 6, everyMs: 1000},
    claimRace: {handoffs: full ? 100 : 20, claimers: 10},
    throughput: {
      clients: full ? 20 : 10,
      stageMs: full ? 8000 : 3000,
      rates: full ? [10, 20, 40, 60, 80, 110, 140, 180, 230, 300] : [10, 30, 60, 100, 150],
      p99LimitMs: 500,
    },
    initialSync: {tickets: full ? 10_000 : 2_000, stepsPerWalk: 10, openHandoffs: 30, coldRuns: full ? 3 : 1, awayMs: full ? 30_000 : 10_000},
    memory: {clients: full ? 200 : 50},
  };
}
