import {processMemory} from '../stack/process-memory.ts';

/**
 * A Node process's memory after a full garbage collection, read through its
 * own inspector: SIGUSR1 opens it (127.0.0.1:9229), the Chrome DevTools
 * Protocol forces the collection and reads `process.memoryUsage()`, and the
 * inspector is closed again so that the next process can open its own.
 *
 * Why: V8 lets a busy process's heap grow lazily and collects it when it
 * likes, so plain RSS climbs under steady load without anything being kept
 * (a zero-cache sync worker at the account floor: RSS 751 MB, 539 MB right
 * after one forced collection; heap used 343 → 98 MB). What stays after a
 * full collection is what a leak would show in.
 *
 * Hand-written: a dozen CDP calls over Node's own WebSocket; a CDP client
 * library (chrome-remote-interface) would add a dependency for three methods.
 */
export type MemoryAfterGc = {rssMb: number; heapUsedMb: number};

const INSPECTOR_PORT = 9229;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function inspectorUrl(deadline: number): Promise<string> {
  for (;;) {
    try {
      const list = (await (await fetch(`http://127.0.0.1:${INSPECTOR_PORT}/json/list`)).json()) as {webSocketDebuggerUrl: string}[];
      if (list[0]) return list[0].webSocketDebuggerUrl;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the inspector did not open');
    await sleep(100);
  }
}

const CLOSE_INSPECTOR = "setTimeout(() => process.getBuiltinModule('node:inspector').close(), 50); 'closing'";

/** Asks whoever holds the port (one of ours, left open by a reading that stalled) to close its inspector. */
async function closeLeftover(): Promise<void> {
  try {
    const ws = new WebSocket(await inspectorUrl(Date.now() + 1000));
    await new Promise((resolve, reject) => {
      ws.addEventListener('open', resolve, {once: true});
      ws.addEventListener('error', reject, {once: true});
    });
    ws.send(JSON.stringify({id: 1, method: 'Runtime.evaluate', params: {expression: CLOSE_INSPECTOR}}));
    await sleep(300);
    ws.close();
  } catch {
    // gone meanwhile
  }
}

async function portFree(deadline: number): Promise<void> {
  let asked = false;
  while (Date.now() < deadline) {
    try {
      await fetch(`http://127.0.0.1:${INSPECTOR_PORT}/json/version`);
    } catch {
      return;
    }
    if (!asked) {
      asked = true;
      await closeLeftover();
    }
    await sleep(100);
  }
  throw new Error('the inspector did not close');
}

export async function memoryAfterGc(pid: number, timeoutMs = 60_000): Promise<MemoryAfterGc> {
  const deadline = Date.now() + timeoutMs;
  await portFree(deadline);
  process.kill(pid, 'SIGUSR1');
  const ws = new WebSocket(await inspectorUrl(deadline));
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, {once: true});
    ws.addEventListener('error', () => reject(new Error('inspector connection failed')), {once: true});
  });
  let next = 0;
  const waiting = new Map<number, (m: {result?: {result?: {value?: unknown}}}) => void>();
  ws.addEventListener('message', e => {
    const m = JSON.parse(String(e.data)) as {id?: number};
    if (m.id !== undefined) waiting.get(m.id)?.(m as never);
    waiting.delete(m.id ?? -1);
  });
  const call = (method: string, params: object = {}) =>
    new Promise<{result?: {result?: {value?: unknown}}}>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({id, method, params}));
      setTimeout(() => reject(new Error(`${method}: no answer`)), Math.max(1000, deadline - Date.now())).unref();
    });
  try {
    await call('HeapProfiler.enable');
    await call('HeapProfiler.collectGarbage');
    const m = await call('Runtime.evaluate', {expression: 'JSON.stringify({pid: process.pid, ...process.memoryUsage()})', returnByValue: true});
    const usage = JSON.parse(String(m.result?.result?.value)) as {pid: number; heapUsed: number};
    // Another process may have held the port meanwhile: a reading is only of the process asked about.
    if (usage.pid !== pid) throw new Error(`the inspector on port ${INSPECTOR_PORT} is process ${usage.pid}'s, not ${pid}'s`);
    return {rssMb: processMemory(pid).rss, heapUsedMb: usage.heapUsed / 1048576};
  } finally {
    // Close it from inside, a moment after answering, so the port is free for the next process, also when a call stalled.
    await call('Runtime.evaluate', {expression: CLOSE_INSPECTOR}).catch(() => {});
    ws.close();
    await portFree(deadline).catch(() => {});
  }
}
