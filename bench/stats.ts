/** Latency statistics over samples in milliseconds. Nearest-rank percentiles, no interpolation. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

const round = (n: number) => (Number.isFinite(n) ? Math.round(n * 10) / 10 : NaN);

export type Summary = {samples: number; p50_ms: number; p95_ms: number; p99_ms: number; max_ms: number; mean_ms: number};

export function summarize(samples: readonly number[]): Summary {
  const mean = samples.length ? samples.reduce((a, b) => a + b, 0) / samples.length : NaN;
  return {
    samples: samples.length,
    p50_ms: round(percentile(samples, 50)),
    p95_ms: round(percentile(samples, 95)),
    p99_ms: round(percentile(samples, 99)),
    max_ms: round(samples.length ? Math.max(...samples) : NaN),
    mean_ms: round(mean),
  };
}

/** The middle value (the lower one of an even count, like percentile 50). */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}
