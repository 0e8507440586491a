import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {processMemory} from '../stack/process-memory.ts';

/**
 * A Node process's memory after a full garbage collection, read through a
 * probe the process loaded at start (bench/soak/gc-probe.cjs, `--require`d
 * through NODE_OPTIONS): SIGUSR2 makes it collect all garbage and write
 * `process.memoryUsage()` to `<probe dir>/<pid>.json`.
 *
 * Why after a collection: V8 lets a busy process's heap grow lazily and
 * collects it when it likes, so plain RSS climbs under steady load without
 * anything being kept (a zero-cache sync worker at the account floor: RSS
 * 751 MB, 539 MB right after one forced collection; heap used 343 → 98 MB).
 * What stays after a full collection is what a leak would show in.
 *
 * Why a probe and not the inspector (SIGUSR1, HeapProfiler.collectGarbage
 * over the DevTools protocol, the first way this was read): opening and
 * closing the inspector of a busy process over and over killed the soak's
 * API process on its second reading (2026-12-02), taking its zero-cache down
 * with it. A signal handler that only collects and writes a file cannot.
 */
export type MemoryAfterGc = {
  rssMb: number;
  heapUsedMb: number;
  /** What V8 keeps committed for its heap after the collection (RSS beyond it is native: SQLite's page caches, buffers, the allocator). */
  heapTotalMb: number;
};

const PROBE = path.join(import.meta.dirname, 'gc-probe.cjs');
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Where the probes write, and the environment that makes a process started with it load one. */
export function gcProbe(dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-gc-probe-'))) {
  const nodeOptions = [process.env.NODE_OPTIONS, `--require ${PROBE}`].filter(Boolean).join(' ');
  return {dir, env: {NODE_OPTIONS: nodeOptions, TANDEM_GC_PROBE_DIR: dir}};
}

type ProbeFile = {pid: number; seq: number; rss?: number; heapUsed?: number; heapTotal?: number};

function readProbe(dir: string, pid: number): ProbeFile | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dir, `${pid}.json`), 'utf8')) as ProbeFile;
  } catch {
    return undefined;
  }
}

/** Whether the process loaded the probe (only those are signalled: SIGUSR2 ends a Node process that has no handler). */
export function hasProbe(dir: string, pid: number): boolean {
  return readProbe(dir, pid)?.pid === pid;
}

/** `snapshotTo`: the process also writes a V8 heap snapshot of what is left after the collection to that file. */
export async function memoryAfterGc(
  dir: string,
  pid: number,
  {timeoutMs = 60_000, snapshotTo}: {timeoutMs?: number; snapshotTo?: string} = {},
): Promise<MemoryAfterGc> {
  const before = readProbe(dir, pid);
  if (before?.pid !== pid) throw new Error(`process ${pid} has no memory probe (bench/soak/gc-probe.cjs)`);
  if (snapshotTo) writeFileSync(path.join(dir, `${pid}.snapshot`), snapshotTo);
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = readProbe(dir, pid);
    if (now && now.seq > before.seq && now.heapUsed !== undefined)
      return {rssMb: processMemory(pid).rss, heapUsedMb: now.heapUsed / 1048576, heapTotalMb: (now.heapTotal ?? 0) / 1048576};
    if (Date.now() > deadline) throw new Error(`process ${pid} did not answer its memory probe within ${timeoutMs} ms`);
    await sleep(50);
  }
}
