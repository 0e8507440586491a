/**
 * Summarizes a V8 .cpuprofile (e.g. written with BENCH_CPU_PROFILE=dir):
 * self time by function and by package/file, heaviest first.
 * Usage: node --import tsx bench/tools/profile-summary.ts <file.cpuprofile> [top]
 */
import {readFileSync} from 'node:fs';

type Node = {id: number; callFrame: {functionName: string; url: string; lineNumber: number}; children?: number[]};
type Profile = {nodes: Node[]; samples: number[]; timeDeltas: number[]};

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

function where(url: string): string {
  if (!url) return '(native/idle)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  return url.replace(/^file:\/\/.*?\/(server|mutators|queries|schema|bench)\//, '$1/');
}

const fns = new Map<string, number>();
const places = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id)!;
  const fn = `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  fns.set(fn, (fns.get(fn) ?? 0) + t);
  const p = where(n.callFrame.url) + (n.callFrame.url ? '' : ` ${n.callFrame.functionName}`);
  places.set(p, (places.get(p) ?? 0) + t);
}
const show = (m: Map<string, number>) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([k, t]) => console.log(`${((t / total) * 100).toFixed(1).padStart(5)}%  ${(t / 1000).toFixed(0).padStart(7)} ms  ${k}`));
console.log(`total ${(total / 1000).toFixed(0)} ms\n\nby package / file:`);
show(places);
console.log('\nby function:');
show(fns);
