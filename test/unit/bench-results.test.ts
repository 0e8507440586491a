import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {deriveRatios, missingKeys, REQUIRED_KEYS, setAt, targetVerdicts, toMarkdown, valueAt, writeResults, type BenchResult} from '../../bench/results.ts';
import {percentile, summarize} from '../../bench/stats.ts';

function emptyResult(): BenchResult {
  return {
    mode: 'quick',
    started_at: '2026-11-25T06:30:00.000Z',
    duration_s: 90,
    commit: 'abc123',
    zero_version: '1.9.0',
    node_version: 'v22.0.0',
    machine: {cores: 2, memory_gb: 4, cpu: 'test cpu', load_avg_at_start: [1, 1, 1]},
    errors: {},
  };
}

/** A result with every required key set, the way the scenarios nest them. */
function fullResult(): BenchResult {
  const r = emptyResult() as Record<string, unknown>;
  for (const key of REQUIRED_KEYS) {
    const parts = key.split('.');
    let node = r;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    const last = parts.at(-1)!;
    if (node[last] === undefined) node[last] = 7;
  }
  return r as BenchResult;
}

describe('bench percentiles', () => {
  it('uses the nearest rank, whatever the order of the samples', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 90)).toBe(9);
    expect(percentile(samples, 99)).toBe(10);
    expect(percentile(samples, 100)).toBe(10);
    expect(percentile([42], 1)).toBe(42);
    expect(samples).toEqual([5, 1, 4, 2, 3, 10, 9, 8, 7, 6]);
  });

  it('has no percentile of nothing and refuses a percentile outside (0, 100]', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('summarizes a thousand samples', () => {
    const samples = Array.from({length: 1000}, (_, i) => i + 1);
    expect(summarize(samples)).toEqual({samples: 1000, p50_ms: 500, p95_ms: 950, p99_ms: 990, max_ms: 1000, mean_ms: 500.5});
  });
});

describe('bench results writer', () => {
  let dir = '';
  afterEach(() => dir && rmSync(dir, {recursive: true, force: true}));

  it('writes latest and dated JSON and Markdown holding every required key', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bench-results-'));
    const result = fullResult();
    expect(missingKeys(result)).toEqual([]);
    const written = writeResults(dir, result, new Date('2026-11-25T06:30:00Z'));
    expect(readdirSync(dir).sort()).toEqual(['2026-11-25T06-30-00Z-quick.json', '2026-11-25T06-30-00Z-quick.md', 'latest.json', 'latest.md']);
    expect(written).toHaveLength(4);
    const json = JSON.parse(readFileSync(path.join(dir, 'latest.json'), 'utf8'));
    for (const key of REQUIRED_KEYS) expect(valueAt(json, key), key).not.toBeUndefined();
    expect(json.missing_keys).toEqual([]);
    const md = readFileSync(path.join(dir, 'latest.md'), 'utf8');
    for (const key of REQUIRED_KEYS.filter(k => !['commit', 'zero_version'].includes(k) && !k.startsWith('machine.'))) {
      expect(md).toContain(`\`${key}\``);
    }
    expect(md).toContain('abc123');
  });

  it('names what a run could not measure, and a partial run leaves latest alone', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bench-results-'));
    const result = fullResult();
    (result.claim_race as Record<string, unknown>).winners = null;
    (result.floor as Record<string, unknown>).p99_ms = NaN;
    result.errors.claim_race = 'stack went away';
    expect(missingKeys(result)).toEqual(['floor.p99_ms', 'claim_race.winners']);
    writeResults(dir, result, new Date('2026-11-25T06:30:00Z'), {latest: false});
    expect(existsSync(path.join(dir, 'latest.json'))).toBe(false);
    expect(readFileSync(path.join(dir, '2026-11-25T06-30-00Z-quick-partial.md'), 'utf8')).toContain('claim_race: stack went away');
    expect(toMarkdown(result)).toMatch(/`claim_race.winners` \| — \| = handoffs \| — \|/);
  });

  it('judges the targets of the issue', () => {
    const result = fullResult();
    Object.assign(result.propagation as object, {w3: {p50_ms: 41, p95_ms: 1, p99_ms: 150}});
    Object.assign(result.claim_race as object, {handoffs: 100, winners: 100, double_claims: 0});
    const verdicts = Object.fromEntries(targetVerdicts(result).map(t => [t.key, t.met]));
    expect(verdicts['propagation.w3.p50_ms']).toBe(false);
    expect(verdicts['propagation.w3.p99_ms']).toBe(true);
    expect(verdicts['claim_race.winners']).toBe(true);
    expect(verdicts['claim_race.double_claims']).toBe(true);
  });

  it('divides Tandem by bare Zero measured in the same run, and judges the ratios', () => {
    const result = emptyResult();
    setAt(result, 'propagation.busy', {p99_ms: 900, failed_steps: 0});
    setAt(result, 'bare_zero.busy', {p99_ms: 600});
    setAt(result, 'capacity.open_pages', 60);
    setAt(result, 'bare_zero.capacity.open_pages', 90);
    setAt(result, 'throughput.mutations_per_s', 20);
    setAt(result, 'bare_zero.throughput.mutations_per_s', 40);
    setAt(result, 'propagation.w3', {p50_ms: 30});
    deriveRatios(result);
    expect(result.busy_vs_bare_zero_p99).toBe(1.5);
    expect(result.capacity_vs_bare_zero).toBe(0.67);
    expect(result.throughput_vs_bare_zero).toBe(0.5);
    expect(result.overhead_vs_bare_zero_p50).toBeNull();
    const verdicts = Object.fromEntries(targetVerdicts(result).map(t => [t.key, t.met]));
    expect(verdicts.busy_vs_bare_zero_p99).toBe(true);
    expect(verdicts.capacity_vs_bare_zero).toBe(false);
    expect(verdicts.throughput_vs_bare_zero).toBe(false);
    expect(verdicts['propagation.busy.failed_steps']).toBe(true);
  });

  it('has no ratio against a bare Zero that held nothing', () => {
    const result = emptyResult();
    setAt(result, 'capacity.open_pages', 0);
    setAt(result, 'bare_zero.capacity.open_pages', 0);
    deriveRatios(result);
    expect(result.capacity_vs_bare_zero).toBeNull();
    expect(missingKeys(result)).toContain('capacity_vs_bare_zero');
  });
});
