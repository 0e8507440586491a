import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';

/**
 * The benchmark's result: nested objects whose dotted paths are the stable
 * keys of issue #12 (e.g. `propagation.w3.p99_ms`). Scenarios fill their part;
 * anything they could not measure stays null and is named in `errors`.
 */
export type BenchResult = {
  mode: 'full' | 'quick';
  started_at: string;
  duration_s: number | null;
  commit: string;
  zero_version: string;
  node_version: string;
  machine: {cores: number; memory_gb: number; cpu: string; load_avg_at_start: number[]};
  [scenario: string]: unknown;
  errors: Record<string, string>;
};

/** Every key a complete run fills (issue #12), in the order the table shows them. */
export const REQUIRED_KEYS = [
  'floor.p50_ms',
  'floor.p99_ms',
  ...['w1', 'w3', 'w25'].flatMap(w => [`bare_zero.${w}.p50_ms`, `bare_zero.${w}.p99_ms`]),
  ...['w1', 'w3', 'w25', 'busy'].flatMap(w => ['p50_ms', 'p95_ms', 'p99_ms'].map(p => `propagation.${w}.${p}`)),
  'overhead_vs_bare_zero_p50',
  ...['p50_ms', 'p95_ms', 'p99_ms'].map(p => `bare_zero.busy.${p}`),
  'propagation.busy.failed_steps',
  'busy_vs_bare_zero_p99',
  'capacity.open_pages',
  'bare_zero.capacity.open_pages',
  'capacity_vs_bare_zero',
  'account_floor.step_p99_ms',
  'account_floor.card_p99_ms',
  ...['e10', 'e50'].flatMap(e => [`queue_arrival.${e}.p50_ms`, `queue_arrival.${e}.p99_ms`]),
  'claim_race.handoffs',
  'claim_race.winners',
  'claim_race.double_claims',
  'claim_race.loser_rollback_p99_ms',
  'throughput.mutations_per_s',
  'bare_zero.throughput.mutations_per_s',
  'throughput_vs_bare_zero',
  'initial_sync.cold_ms',
  'initial_sync.reconnect_ms',
  'search.p50_ms',
  'search.p99_ms',
  'flood.unloaded_p99_ms',
  'flood.p99_ms',
  'flood.p99_ratio',
  'memory.zero_cache_rss_mb',
  'memory.api_rss_mb',
  'memory.replica_mb',
  'commit',
  'machine.cores',
  'machine.memory_gb',
  'zero_version',
] as const;

/** The targets of issues #12 and #17 for a 2-core machine. */
export const TARGETS: {key: string; label: string; test: (v: number, r: BenchResult) => boolean}[] = [
  {key: 'propagation.w3.p50_ms', label: '≤ 40 ms', test: v => v <= 40},
  {key: 'propagation.w3.p99_ms', label: '≤ 150 ms', test: v => v <= 150},
  {key: 'propagation.busy.p99_ms', label: '≤ 300 ms', test: v => v <= 300},
  {key: 'overhead_vs_bare_zero_p50', label: '≤ 1.3×', test: v => v <= 1.3},
  {key: 'propagation.busy.failed_steps', label: '= 0', test: v => v === 0},
  {key: 'busy_vs_bare_zero_p99', label: '≤ 1.5× (at worst 2×)', test: v => v <= 1.5},
  {key: 'capacity_vs_bare_zero', label: '≥ 0.7×', test: v => v >= 0.7},
  {key: 'account_floor.step_p99_ms', label: '≤ 1,000 ms', test: v => v <= 1000},
  {key: 'account_floor.card_p99_ms', label: '≤ 1,000 ms', test: v => v <= 1000},
  {key: 'throughput_vs_bare_zero', label: '≥ 0.7×', test: v => v >= 0.7},
  {key: 'queue_arrival.e50.p99_ms', label: '≤ 1,000 ms', test: v => v <= 1000},
  {key: 'claim_race.winners', label: '= handoffs', test: (v, r) => v === valueAt(r, 'claim_race.handoffs')},
  {key: 'claim_race.double_claims', label: '= 0', test: v => v === 0},
  {key: 'claim_race.loser_rollback_p99_ms', label: '≤ 500 ms', test: v => v <= 500},
  {key: 'initial_sync.cold_ms', label: '≤ 1,500 ms', test: v => v <= 1500},
  {key: 'flood.p99_ratio', label: '≤ 2× (issue #23)', test: v => v <= 2},
];

export function valueAt(result: unknown, key: string): unknown {
  let v: unknown = result;
  for (const part of key.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/** Sets the value at a dotted key, creating (or replacing null with) the objects on the way. */
export function setAt(result: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = result;
  for (const p of parts.slice(0, -1)) {
    if (!node[p] || typeof node[p] !== 'object') node[p] = {};
    node = node[p] as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}

const num = (r: unknown, key: string) => {
  const v = valueAt(r, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

/** Tandem ÷ bare Zero for the measured pairs (two decimals; null when either side is missing or bare is 0). */
export const RATIOS: {key: string; tandem: string; bare: string}[] = [
  {key: 'overhead_vs_bare_zero_p50', tandem: 'propagation.w3.p50_ms', bare: 'bare_zero.w3.p50_ms'},
  {key: 'busy_vs_bare_zero_p99', tandem: 'propagation.busy.p99_ms', bare: 'bare_zero.busy.p99_ms'},
  {key: 'capacity_vs_bare_zero', tandem: 'capacity.open_pages', bare: 'bare_zero.capacity.open_pages'},
  {key: 'throughput_vs_bare_zero', tandem: 'throughput.mutations_per_s', bare: 'bare_zero.throughput.mutations_per_s'},
];

/** Fills the RATIOS keys from what the run measured. */
export function deriveRatios(result: BenchResult): void {
  for (const {key, tandem, bare} of RATIOS) {
    const t = num(result, tandem);
    const b = num(result, bare);
    result[key] = t !== undefined && b ? Math.round((t / b) * 100) / 100 : null;
  }
}

const filled = (v: unknown) => (typeof v === 'number' ? Number.isFinite(v) : v !== null && v !== undefined && v !== '');

/** Required keys the result does not fill (null, missing or NaN). */
export function missingKeys(result: BenchResult): string[] {
  return REQUIRED_KEYS.filter(k => !filled(valueAt(result, k)));
}

/** Which targets this run meets: met is null when the value is missing. */
export function targetVerdicts(result: BenchResult) {
  return TARGETS.map(t => {
    const v = valueAt(result, t.key);
    return {key: t.key, target: t.label, value: v, met: typeof v === 'number' && Number.isFinite(v) ? t.test(v, result) : null};
  });
}

function show(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '—';
  if (v === null || v === undefined) return '—';
  return String(v);
}

/** The readable table: every key with its value and, where there is one, its target. */
export function toMarkdown(result: BenchResult): string {
  const verdicts = new Map(targetVerdicts(result).map(t => [t.key, t]));
  const m = result.machine;
  const lines = [
    `# Tandem benchmark (${result.mode})`,
    '',
    `- started: ${result.started_at}, took ${show(result.duration_s)} s`,
    `- commit: \`${result.commit}\`, Zero ${result.zero_version}, Node ${result.node_version}`,
    `- machine: ${m.cores} cores, ${m.memory_gb} GB, ${m.cpu}; load average at start ${m.load_avg_at_start.join(' / ')}`,
    '',
    '| key | value | target | met |',
    '|---|---:|---|---|',
  ];
  for (const key of REQUIRED_KEYS) {
    if (key === 'commit' || key.startsWith('machine.') || key === 'zero_version') continue;
    const t = verdicts.get(key);
    const met = !t ? '' : t.met === null ? '—' : t.met ? 'yes' : 'no';
    lines.push(`| \`${key}\` | ${show(valueAt(result, key))} | ${t?.target ?? ''} | ${met} |`);
  }
  const errors = Object.entries(result.errors);
  if (errors.length) {
    lines.push('', '**Errors**', '');
    for (const [scenario, message] of errors) lines.push(`- ${scenario}: ${message.split('\n')[0]}`);
  }
  return lines.join('\n') + '\n';
}

/** A file-name-safe UTC stamp, e.g. 2026-11-25T06-30-00Z. */
export function fileStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}

/** Writes latest.json / latest.md and dated copies into `dir`; returns the paths written. */
export function writeResults(dir: string, result: BenchResult, at = new Date(), {latest = true} = {}): string[] {
  mkdirSync(dir, {recursive: true});
  const json = JSON.stringify({...result, missing_keys: missingKeys(result), targets: targetVerdicts(result)}, null, 2) + '\n';
  const md = toMarkdown(result);
  const base = `${fileStamp(at)}${result.mode === 'quick' ? '-quick' : ''}${latest ? '' : '-partial'}`;
  const files: [string, string][] = [
    ...(latest
      ? ([
          ['latest.json', json],
          ['latest.md', md],
        ] as [string, string][])
      : []),
    [`${base}.json`, json],
    [`${base}.md`, md],
  ];
  for (const [name, text] of files) writeFileSync(path.join(dir, name), text);
  return files.map(([name]) => path.join(dir, name));
}
