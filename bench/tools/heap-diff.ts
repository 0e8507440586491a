/**
 * What grew between two V8 heap snapshots of one process (the soak's,
 * TANDEM_SOAK_SNAPSHOTS=dir npm run test:soak): objects counted and their own
 * sizes summed per kind and constructor name, largest growth first.
 *
 *   node --max-old-space-size=8192 --import tsx bench/tools/heap-diff.ts before.heapsnapshot after.heapsnapshot [--top=40]
 *
 * A tool for investigation: not part of `npm test` or `npm run bench`.
 */
import {readFileSync} from 'node:fs';

type Snapshot = {
  snapshot: {meta: {node_fields: string[]; node_types: [string[], ...unknown[]]}; node_count: number};
  nodes: number[];
  strings: string[];
};
type Tally = Map<string, {count: number; bytes: number}>;

function tally(file: string): Tally {
  const s = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = s.snapshot.meta.node_fields;
  const [types] = s.snapshot.meta.node_types;
  const width = fields.length;
  const fType = fields.indexOf('type');
  const fName = fields.indexOf('name');
  const fSize = fields.indexOf('self_size');
  const out: Tally = new Map();
  for (let i = 0; i < s.nodes.length; i += width) {
    const type = types[s.nodes[i + fType]];
    // Strings and code are named by their contents: one bucket each.
    const name =
      type === 'string' || type === 'concatenated string' || type === 'sliced string' || type === 'code' || type === 'number'
        ? ''
        : s.strings[s.nodes[i + fName]].slice(0, 80);
    const key = `${type} ${name}`.trim();
    const t = out.get(key) ?? {count: 0, bytes: 0};
    t.count++;
    t.bytes += s.nodes[i + fSize];
    out.set(key, t);
  }
  return out;
}

const [before, after] = process.argv.slice(2).filter(a => !a.startsWith('--'));
const top = Number(process.argv.find(a => a.startsWith('--top='))?.slice(6) ?? 40);
if (!before || !after) throw new Error('usage: heap-diff.ts before.heapsnapshot after.heapsnapshot [--top=N]');
const a = tally(before);
const b = tally(after);
const sum = (t: Tally) => [...t.values()].reduce((n, v) => n + v.bytes, 0);
const rows = [...new Set([...a.keys(), ...b.keys()])].map(key => {
  const x = a.get(key) ?? {count: 0, bytes: 0};
  const y = b.get(key) ?? {count: 0, bytes: 0};
  return {key, count: y.count - x.count, bytes: y.bytes - x.bytes, countAfter: y.count, bytesAfter: y.bytes};
});
rows.sort((p, q) => q.bytes - p.bytes);
const mb = (n: number) => (n / 1048576).toFixed(1);
console.log(`heap: ${mb(sum(a))} MB → ${mb(sum(b))} MB (self sizes)`);
console.log('| kind and name | Δ objects | Δ MB | objects after | MB after |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows.slice(0, top)) console.log(`| ${r.key.replaceAll('|', '\\|')} | ${r.count} | ${mb(r.bytes)} | ${r.countAfter} | ${mb(r.bytesAfter)} |`);
