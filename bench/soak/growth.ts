/**
 * The soak's verdicts (scripts/soak.ts): did memory, Postgres connections or a
 * table grow after warm-up? Pure: samples in, verdicts out.
 *
 * Each series is compared between two windows after warm-up, the first and
 * the last quarter of the post-warm-up samples (at least 2 each), by their
 * medians, so one GC pause or one busy sample does not decide it:
 * - memory: growth = last median / first median − 1, flat when < 10 %;
 * - connections: flat when the last median is no more than the first window's max;
 * - a table, by its policy:
 *   - `flat` (pruned on a schedule shorter than the run, or fixed size):
 *     bounded when its last median is within 10 % (+ 5 rows) of its first
 *     median, i.e. it stopped growing;
 *   - `kept` (pruned on a schedule longer than the run, e.g. a month): it
 *     may grow during the run; bounded when it names its pruning job and
 *     keep window (growth is reported, not judged);
 *   - with a `bound`: also every sample at or under it.
 * A `flat` table that settles only after `settlesAfterS` is judged on the
 * samples from then on; a run too short for that says "not judged" (ok, and
 * `judged: false`), so a short check cannot claim it stops growing.
 */
export type Sample = {at_s: number; value: number};

export type TablePolicy =
  /** `settlesAfterS`: it can only stop growing after this long under load (e.g. a query TTL); judged from then on. */
  {kind: 'flat'; pruning: string; bound?: number; settlesAfterS?: number} | {kind: 'kept'; pruning: string; keep: string; bound?: number};

export type Verdict = {name: string; ok: boolean; first: number; last: number; growth: number | null; why: string; judged?: false};

export const MEMORY_GROWTH_LIMIT = 0.1;
const TABLE_SLACK_ROWS = 5;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The first and last windows after warm-up; undefined when there are fewer than 4 samples after it. */
export function windows(samples: Sample[], warmupS: number): {first: number[]; last: number[]} | undefined {
  const post = samples.filter(s => s.at_s >= warmupS).map(s => s.value);
  if (post.length < 4) return undefined;
  const w = Math.max(2, Math.floor(post.length / 4));
  return {first: post.slice(0, w), last: post.slice(-w)};
}

const tooFew = (name: string): Verdict => ({name, ok: false, first: 0, last: 0, growth: null, why: 'fewer than 4 samples after warm-up'});
const growthOf = (first: number, last: number) => (first > 0 ? last / first - 1 : last > 0 ? Number.POSITIVE_INFINITY : 0);
const pct = (g: number) => `${(g * 100).toFixed(1)} %`;

export function judgeMemory(name: string, samples: Sample[], warmupS: number): Verdict {
  const w = windows(samples, warmupS);
  if (!w) return tooFew(name);
  const first = median(w.first);
  const last = median(w.last);
  const growth = growthOf(first, last);
  const ok = growth < MEMORY_GROWTH_LIMIT;
  return {name, ok, first, last, growth, why: `${pct(growth)} after warm-up (limit < ${pct(MEMORY_GROWTH_LIMIT)})`};
}

export function judgeConnections(name: string, samples: Sample[], warmupS: number): Verdict {
  const w = windows(samples, warmupS);
  if (!w) return tooFew(name);
  const first = median(w.first);
  const last = median(w.last);
  const ok = last <= Math.max(...w.first);
  return {name, ok, first, last, growth: growthOf(first, last), why: ok ? 'no growth' : `grew past the first window's max (${Math.max(...w.first)})`};
}

export function judgeTable(name: string, samples: Sample[], warmupS: number, policy: TablePolicy): Verdict {
  const settles = policy.kind === 'flat' ? (policy.settlesAfterS ?? 0) : 0;
  const w = windows(samples, Math.max(warmupS, settles));
  if (!w && settles > warmupS) {
    const last = samples.at(-1)?.value ?? 0;
    return {
      name,
      ok: true,
      judged: false,
      first: samples[0]?.value ?? 0,
      last,
      growth: null,
      why: `not judged: settles only after ${settles} s under load (${policy.pruning}); run ≥ ${Math.ceil((settles * 2) / 60)} min`,
    };
  }
  if (!w) return tooFew(name);
  const first = median(w.first);
  const last = median(w.last);
  const growth = growthOf(first, last);
  const peak = Math.max(...samples.map(s => s.value));
  if (policy.bound !== undefined && peak > policy.bound) {
    return {name, ok: false, first, last, growth, why: `${peak} rows, over its bound of ${policy.bound} (${policy.pruning})`};
  }
  if (policy.kind === 'kept') {
    const ok = policy.pruning.length > 0 && policy.keep.length > 0;
    return {name, ok, first, last, growth, why: ok ? `kept ${policy.keep}, ${policy.pruning}` : 'no pruning job named'};
  }
  const ok = last <= first * 1.1 + TABLE_SLACK_ROWS;
  return {name, ok, first, last, growth, why: ok ? `stopped growing (${policy.pruning})` : `still growing: ${first} → ${last} rows (${policy.pruning})`};
}
