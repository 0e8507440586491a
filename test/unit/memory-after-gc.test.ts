import {spawn, type ChildProcess} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import {memoryAfterGc} from '../../bench/soak/memory-after-gc.ts';

/**
 * The soak's memory reading (npm run test:soak): a real Node process that
 * holds 20 MB and has just dropped ~200 MB of garbage reads as the 20 MB it
 * holds, and its inspector is closed again, so a second process (and a
 * second reading) can open its own on the same port.
 */
const HOLDER = `
  globalThis.kept = Array.from({length: 20}, () => new Array(131072).fill(1.5)); // ~20 MB live
  let junk = Array.from({length: 200}, () => new Array(131072).fill(2.5));      // ~200 MB garbage
  junk = null;
  console.log('ready');
  setInterval(() => {}, 1000);
`;

const started: ChildProcess[] = [];

async function holder(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--max-semi-space-size=64', '-e', HOLDER], {stdio: ['ignore', 'pipe', 'inherit']});
  started.push(child);
  await new Promise<void>(resolve => child.stdout!.on('data', d => String(d).includes('ready') && resolve()));
  return child;
}

afterEach(() => {
  for (const c of started.splice(0)) c.kill('SIGKILL');
});

describe('memory after a full GC', () => {
  it('reads what a process holds, not its garbage, and leaves the inspector closed', async () => {
    const a = await holder();
    const first = await memoryAfterGc(a.pid!);
    expect(first.heapUsedMb).toBeGreaterThan(15);
    expect(first.heapUsedMb).toBeLessThan(80);
    // Again on the same process, then on another: the port was given back each time.
    const again = await memoryAfterGc(a.pid!);
    expect(again.heapUsedMb).toBeLessThan(80);
    const b = await holder();
    const other = await memoryAfterGc(b.pid!);
    expect(other.heapUsedMb).toBeGreaterThan(15);
    expect(other.rssMb).toBeGreaterThan(other.heapUsedMb);
  }, 60_000);

  it('reclaims the port from an inspector a stalled reading left open', async () => {
    const a = await holder();
    process.kill(a.pid!, 'SIGUSR1'); // opened and never closed, as after a reading that timed out
    await expect.poll(async () => (await fetch('http://127.0.0.1:9229/json/version').catch(() => undefined))?.ok, {timeout: 10_000}).toBe(true);
    const b = await holder();
    const m = await memoryAfterGc(b.pid!);
    expect(m.heapUsedMb).toBeGreaterThan(15);
  }, 60_000);
});
