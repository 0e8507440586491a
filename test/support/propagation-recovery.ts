import {percentile} from '../../bench/stats.ts';

/** One change's propagation: when it was sent, and how long until every watcher showed it (null: never within the wait). */
export type PropagationSample = {sentAt: number; ms: number | null};

export type RecoveryWindow = {
  /** The p99 a window must stay under (the product's target: 1 s). */
  p99UnderMs: number;
  /** How long a stretch of sends the p99 is taken over. */
  windowMs: number;
  /** How far each next window starts after the one before. */
  strideMs: number;
  /** Fewer sends than this in a window tell nothing; such a window is skipped. */
  minSamples: number;
};

export const ONE_SECOND_P99: RecoveryWindow = {p99UnderMs: 1000, windowMs: 3000, strideMs: 250, minSamples: 5};

/**
 * How long after a part came back (`backAt`) propagation was fine again:
 * the start of the first window of changes sent from then on whose p99 is
 * under the target, relative to `backAt` (0: fine at once). A change never
 * shown counts as slower than any target. Only sends before `until` are
 * looked at (the next fault, or the end of the run); null when no window in
 * that span was fine.
 */
export function recoveryMs(samples: readonly PropagationSample[], backAt: number, until: number, w: RecoveryWindow = ONE_SECOND_P99): number | null {
  const after = samples.filter(s => s.sentAt >= backAt && s.sentAt < until);
  for (let offset = 0; backAt + offset + w.windowMs <= until; offset += w.strideMs) {
    const from = backAt + offset;
    const window = after.filter(s => s.sentAt >= from && s.sentAt < from + w.windowMs);
    if (window.length < w.minSamples) continue;
    const p99 = percentile(
      window.map(s => s.ms ?? Number.POSITIVE_INFINITY),
      99,
    );
    if (p99 < w.p99UnderMs) return offset;
  }
  return null;
}
