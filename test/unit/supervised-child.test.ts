import {describe, expect, it} from 'vitest';
import {restartDelay, superviseChild, type SupervisedChildOptions} from '../../server/supervise/supervised-child.ts';
import {eventually} from '../support/zero-client.ts';

/** A supervised Node one-liner; its supervisor's log lines are collected. */
function supervise(script: string, overrides: Partial<SupervisedChildOptions> = {}) {
  const lines: string[] = [];
  const child = superviseChild({
    name: 'worker',
    command: process.execPath,
    args: ['-e', script],
    output: () => {},
    waitReady: async () => {},
    log: line => lines.push(line),
    backoff: {initialMs: 20, maxMs: 80, stableMs: 60_000},
    ...overrides,
  });
  return {child, lines};
}

const exits = (lines: string[]) => lines.filter(l => l.includes(' exited '));

describe('the supervisor of a child process', () => {
  it('backs off 1 s, 2 s, 4 s … and never waits more than 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 12].map(a => restartDelay(a))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('restarts a crash-looping child with a growing, capped delay and says so', async () => {
    const {child, lines} = supervise('process.exit(3)');
    await eventually(
      () => exits(lines).length,
      n => n >= 5,
      20_000,
    );
    await child.stop();
    expect(exits(lines).slice(0, 5)).toEqual([
      'worker exited (code 3); restarting in 0.02 s (attempt 1)',
      'worker exited (code 3); restarting in 0.04 s (attempt 2)',
      'worker exited (code 3); restarting in 0.08 s (attempt 3)',
      'worker exited (code 3); restarting in 0.08 s (attempt 4)',
      'worker exited (code 3); restarting in 0.08 s (attempt 5)',
    ]);
  });

  it('starts counting again after a stable run', async () => {
    // Each run lasts longer than stableMs: every restart is attempt 1.
    const {child, lines} = supervise('setTimeout(() => process.exit(1), 300)', {
      backoff: {initialMs: 20, maxMs: 80, stableMs: 100},
    });
    await eventually(
      () => exits(lines).length,
      n => n >= 3,
      20_000,
    );
    await child.stop();
    for (const line of exits(lines)) expect(line).toBe('worker exited (code 1); restarting in 0.02 s (attempt 1)');
  });

  it('brings back a child killed with SIGKILL, as a new process', async () => {
    const {child, lines} = supervise('setInterval(() => {}, 1000)');
    await child.ready();
    const first = child.pid()!;
    process.kill(first, 'SIGKILL');
    await child.readyAfter(1);
    expect(child.pid()).not.toBe(first);
    expect(child.launches()).toBe(2);
    expect(lines).toContain('worker exited (signal SIGKILL); restarting in 0.02 s (attempt 1)');
    expect(lines).toContain(`worker is back (pid ${child.pid()}, restart 1)`);
    await child.stop();
    expect(child.pid()).toBeUndefined();
  });

  it('kills every process a dead child started, even in groups of their own, so the restart starts clean', async () => {
    // The leader starts a detached worker of its own (its own process group) and prints its pid, as zero-cache does.
    const script = `const w = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {stdio: 'ignore', detached: true});
      console.log('worker ' + w.pid); setInterval(() => {}, 1000);`;
    let out = '';
    const {child} = supervise(script, {processGroup: true, output: chunk => (out += chunk.toString())});
    await child.ready();
    const worker = Number((await eventually(() => /worker (\d+)/.exec(out), Boolean, 10_000))![1]);
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive(worker)).toBe(true);
    process.kill(child.pid()!, 'SIGKILL');
    await child.readyAfter(1);
    await eventually(
      () => alive(worker),
      a => !a,
      10_000,
    );
    await child.stop();
  });

  it('restarts nothing once stopped', async () => {
    const {child, lines} = supervise('setInterval(() => {}, 1000)');
    await child.ready();
    await child.stop();
    await new Promise(r => setTimeout(r, 200));
    expect(child.launches()).toBe(1);
    expect(exits(lines)).toEqual([]);
  });

  it('reports a child that dies before its first ready, without restarting it', async () => {
    const {child, lines} = supervise('process.exit(2)', {
      failFastOnFirstLaunch: true,
      waitReady: (_c, exited) => exited.then(() => Promise.reject(new Error('died during start-up'))),
    });
    await expect(child.ready()).rejects.toThrow('died during start-up');
    await new Promise(r => setTimeout(r, 200));
    expect(child.launches()).toBe(1);
    expect(exits(lines)).toEqual([]);
    await child.stop();
  });
});
