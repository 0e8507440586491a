import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {gcProbe, hasProbe, memoryAfterGc} from '../../bench/soak/memory-after-gc.ts';

/**
 * The soak's memory reading (npm run test:soak): a real Node process started
 * with the probe, holding 20 MB and having just dropped ~200 MB of garbage,
 * reads as the 20 MB it holds, again and again, and keeps running; a process
 * without the probe is never signalled.
 */
const HOLDER = `
  globalThis.kept = Array.from({length: 20}, () => new Array(131072).fill(1.5)); // ~20 MB live
  let junk = Array.from({length: 200}, () => new Array(131072).fill(2.5));      // ~200 MB garbage
  junk = null;
  console.log('ready');
  setInterval(() => {}, 1000);
`;

const started: ChildProcess[] = [];

async function holder(env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--max-semi-space-size=64', '-e', HOLDER], {stdio: ['ignore', 'pipe', 'inherit'], env: {...process.env, ...env}});
  started.push(child);
  await new Promise<void>(resolve => child.stdout!.on('data', d => String(d).includes('ready') && resolve()));
  return child;
}

afterEach(() => {
  for (const c of started.splice(0)) c.kill('SIGKILL');
});

describe('memory after a full GC', () => {
  it('reads what a process holds, not its garbage, as often as asked, and the process lives on', async () => {
    const probe = gcProbe();
    const a = await holder(probe.env);
    expect(hasProbe(probe.dir, a.pid!)).toBe(true);
    const readings = [];
    for (let i = 0; i < 5; i++) readings.push(await memoryAfterGc(probe.dir, a.pid!));
    for (const m of readings) {
      expect(m.heapUsedMb).toBeGreaterThan(15);
      expect(m.heapUsedMb).toBeLessThan(80);
      expect(m.rssMb).toBeGreaterThan(m.heapUsedMb);
      expect(m.heapTotalMb).toBeGreaterThanOrEqual(m.heapUsedMb);
    }
    expect(a.exitCode).toBeNull();
    expect(a.signalCode).toBeNull();
  }, 60_000);

  it('writes a heap snapshot of what is left when asked, once', async () => {
    const probe = gcProbe();
    const a = await holder(probe.env);
    const file = path.join(probe.dir, 'holder.heapsnapshot');
    const m = await memoryAfterGc(probe.dir, a.pid!, {snapshotTo: file});
    expect(m.heapUsedMb).toBeLessThan(80);
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {snapshot: {node_count: number}};
    expect(snapshot.snapshot.node_count).toBeGreaterThan(1000);
    rmSync(file);
    await memoryAfterGc(probe.dir, a.pid!);
    expect(existsSync(file)).toBe(false);
  }, 60_000);

  it('refuses a process without the probe instead of signalling it', async () => {
    const probe = gcProbe();
    const plain = await holder();
    expect(hasProbe(probe.dir, plain.pid!)).toBe(false);
    await expect(memoryAfterGc(probe.dir, plain.pid!)).rejects.toThrow(/no memory probe/);
    await new Promise(r => setTimeout(r, 200));
    expect(plain.exitCode).toBeNull();
    expect(plain.signalCode).toBeNull();
  }, 60_000);
});
