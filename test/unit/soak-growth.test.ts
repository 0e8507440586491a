import {describe, expect, it} from 'vitest';
import {judgeConnections, judgeMemory, judgeTable, windows, type Sample} from '../../bench/soak/growth.ts';

/** One sample every 30 s for 30 minutes, from f(minute). */
const series = (f: (minute: number) => number): Sample[] => Array.from({length: 60}, (_, i) => ({at_s: i * 30, value: f(i / 2)}));
const WARMUP_S = 300;

describe('the soak verdicts', () => {
  it('compares the first and last quarter after warm-up, never the warm-up itself', () => {
    const w = windows(
      series(m => m),
      WARMUP_S,
    )!;
    expect(w.first[0]).toBe(5);
    expect(w.first).toHaveLength(12);
    expect(w.last.at(-1)).toBe(29.5);
    expect(windows(series(m => m).slice(0, 12), WARMUP_S)).toBeUndefined();
  });

  it('memory: flat with GC noise passes, 12 % growth after warm-up fails, a big warm-up climb does not count', () => {
    const noisy = series(m => (m < 5 ? 200 + m * 40 : 400) + (Math.round(m * 2) % 3 === 0 ? 60 : 0));
    expect(judgeMemory('zero-cache', noisy, WARMUP_S).ok).toBe(true);
    const leaking = series(m => 400 + Math.max(0, m - 5) * 2.4);
    const v = judgeMemory('zero-cache', leaking, WARMUP_S);
    expect(v.ok).toBe(false);
    expect(v.growth).toBeGreaterThan(0.1);
  });

  it('connections: any growth past the first window fails', () => {
    expect(
      judgeConnections(
        'pg',
        series(() => 31),
        WARMUP_S,
      ).ok,
    ).toBe(true);
    expect(
      judgeConnections(
        'pg',
        series(m => 31 + Math.floor(m / 10)),
        WARMUP_S,
      ).ok,
    ).toBe(false);
  });

  it('a flat table must stop growing; a kept one may grow but must name its pruning; a bound holds throughout', () => {
    const growing = series(m => Math.round(m * 100));
    expect(
      judgeTable(
        'presence_beat',
        series(() => 150),
        WARMUP_S,
        {kind: 'flat', pruning: 'swept every second'},
      ).ok,
    ).toBe(true);
    expect(judgeTable('presence_beat', growing, WARMUP_S, {kind: 'flat', pruning: 'swept every second'}).ok).toBe(false);
    expect(judgeTable('change_ledger', growing, WARMUP_S, {kind: 'kept', pruning: 'pruned daily', keep: '30 days'}).ok).toBe(true);
    expect(judgeTable('change_ledger', growing, WARMUP_S, {kind: 'kept', pruning: '', keep: '30 days'}).ok).toBe(false);
    expect(
      judgeTable(
        'presence_beat',
        series(m => (m === 20 ? 500 : 150)),
        WARMUP_S,
        {kind: 'flat', pruning: 'swept', bound: 400},
      ).ok,
    ).toBe(false);
  });

  it('a table that settles only after its TTL is judged from then on, and a run too short for it is "not judged"', () => {
    // Grows for 12 minutes (queries kept for their TTL), then flat.
    const ttl = series(m => Math.round(Math.min(m, 12) * 100));
    const policy = {kind: 'flat' as const, pruning: 'query TTL 5 min', settlesAfterS: 900};
    expect(judgeTable('cvr.desires', ttl, WARMUP_S, {kind: 'flat', pruning: 'query TTL 5 min'}).ok).toBe(false);
    expect(judgeTable('cvr.desires', ttl, WARMUP_S, policy).ok).toBe(true);
    expect(judgeTable('cvr.desires', ttl, WARMUP_S, policy).judged).toBeUndefined();
    const short = judgeTable('cvr.desires', ttl.slice(0, 8), 30, policy);
    expect(short.judged).toBe(false);
    expect(
      judgeTable(
        'cvr.desires',
        series(m => m * 100),
        WARMUP_S,
        policy,
      ).ok,
    ).toBe(false);
  });
});
