import {spawn, type ChildProcess} from 'node:child_process';
import {killTagged, launchTag, LAUNCH_TAG_ENV} from './launch-tag.ts';

export type Backoff = {
  /** Delay before the first restart (doubles per attempt). */
  initialMs: number;
  /** The delay never grows past this. */
  maxMs: number;
  /** A child that ran this long before dying counts as healthy: the next restart is attempt 1 again. */
  stableMs: number;
};

export const DEFAULT_BACKOFF: Backoff = {initialMs: 1000, maxMs: 30_000, stableMs: 60_000};

/** How long to wait before restart `attempt` (1, 2, 3 …): initial, 2×, 4× … capped at max. */
export function restartDelay(attempt: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, attempt - 1));
}

export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `code ${code}`;
}

/** Signals every process of the group led by `pid` (none left is fine). */
function killGroup(pid: number | undefined, signal: NodeJS.Signals) {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

function seconds(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(ms < 1000 ? 2 : 1)} s`;
}

export type SupervisedChildOptions = {
  /** Named in every log line, e.g. "zero-cache" or "API". */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Open an IPC channel (child_process `send`/`message`). */
  ipc?: boolean;
  /**
   * The child starts processes of its own (zero-cache does, each worker in a
   * process group of its own): when it dies, kill every process of that
   * launch (its group, and every process carrying the launch's tag in its
   * environment), so that no orphan keeps its ports or files and the restart
   * starts clean.
   */
  processGroup?: boolean;
  /** Where the child's stdout and stderr go. */
  output: (chunk: Buffer, stream: 'stdout' | 'stderr') => void;
  onMessage?: (message: unknown) => void;
  /** Runs (synchronously) before every launch, the first and each restart; a throw is logged and the launch goes ahead. */
  beforeLaunch?: () => void;
  /**
   * Resolves once this launch of the child serves; rejects if it cannot.
   * `exited` settles when that launch exits.
   */
  waitReady: (child: ChildProcess, exited: Promise<void>) => Promise<void>;
  /**
   * When the first launch dies before it is ready, `ready()` rejects and
   * nothing is restarted (a start-up error, e.g. bad config); otherwise the
   * child is restarted like any crash.
   */
  failFastOnFirstLaunch?: boolean;
  log: (line: string) => void;
  /** Appended to the "exited" line, e.g. "(log: /path/zero-cache.log)". */
  logHint?: string;
  backoff?: Partial<Backoff>;
  /** How long `stop()` waits after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
};

export type SupervisedChild = {
  /** Resolves when the first launch is ready. */
  ready: () => Promise<void>;
  /** The running child's pid (undefined between a crash and its restart). */
  pid: () => number | undefined;
  /** How many times the child has been started. */
  launches: () => number;
  /** Resolves once a launch after `launches` (a restart) is ready. */
  readyAfter: (launches: number) => Promise<void>;
  /** SIGTERM (then SIGKILL after the timeout); stops supervising. */
  stop: () => Promise<void>;
};

/**
 * Runs a child process and keeps it running: when it exits without being
 * asked to, it is restarted after a backoff (1 s, 2 s, 4 s … capped at 30 s;
 * back to 1 s after a run of a minute or more), and the log says so:
 *
 *   zero-cache exited (signal SIGKILL); restarting in 1 s (attempt 1)
 *   zero-cache is back (pid 1234, restart 1)
 *
 * Used for both zero-cache and the API server.
 */
export function superviseChild(o: SupervisedChildOptions): SupervisedChild {
  const backoff: Backoff = {...DEFAULT_BACKOFF, ...o.backoff};
  let child: ChildProcess | undefined;
  let stopping = false;
  let attempt = 0;
  let launchCount = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let firstReady: Promise<void> | undefined;
  const readyWaiters: {after: number; resolve: () => void}[] = [];
  let readyLaunch = 0;
  let currentTag: string | undefined;

  const launch = (): {ready: Promise<void>; exited: Promise<void>} => {
    const startedAt = Date.now();
    const launchNo = ++launchCount;
    const tag = launchTag(o.name);
    currentTag = tag;
    try {
      o.beforeLaunch?.();
    } catch (error) {
      o.log(`${o.name}: before launch: ${error instanceof Error ? error.message : error}`);
    }
    const c = spawn(o.command, o.args, {
      cwd: o.cwd,
      env: {...(o.env ?? process.env), [LAUNCH_TAG_ENV]: tag},
      stdio: ['ignore', 'pipe', 'pipe', ...(o.ipc ? (['ipc'] as const) : [])],
      detached: o.processGroup,
    });
    child = c;
    c.stdout?.on('data', (chunk: Buffer) => o.output(chunk, 'stdout'));
    c.stderr?.on('data', (chunk: Buffer) => o.output(chunk, 'stderr'));
    if (o.onMessage) c.on('message', o.onMessage);
    // A failed spawn (e.g. a missing binary) also ends in 'exit' or 'error'.
    const exited = new Promise<void>(resolve => {
      let done = false;
      const finish = (code: number | null, signal: NodeJS.Signals | null) => {
        if (done) return;
        done = true;
        if (o.processGroup) {
          killGroup(c.pid, 'SIGKILL');
          killTagged(tag);
        }
        resolve();
        if (child === c) child = undefined;
        onExit(code, signal, startedAt, launchNo);
      };
      c.once('exit', finish);
      c.once('error', error => {
        o.log(`${o.name} could not be started: ${error.message}`);
        finish(null, null);
      });
    });
    const ready = o.waitReady(c, exited).then(() => {
      readyLaunch = Math.max(readyLaunch, launchNo);
      if (launchNo > 1) o.log(`${o.name} is back (pid ${c.pid}, restart ${launchNo - 1})`);
      for (const w of readyWaiters.splice(0)) {
        if (launchNo > w.after) w.resolve();
        else readyWaiters.push(w);
      }
    });
    return {ready, exited};
  };

  const onExit = (code: number | null, signal: NodeJS.Signals | null, startedAt: number, launchNo: number) => {
    if (stopping) return;
    if (launchNo === 1 && o.failFastOnFirstLaunch && readyLaunch === 0) return; // ready() reports it
    if (Date.now() - startedAt >= backoff.stableMs) attempt = 0;
    attempt++;
    const delay = restartDelay(attempt, backoff);
    o.log(`${o.name} exited (${describeExit(code, signal)}); restarting in ${seconds(delay)} (attempt ${attempt})` + (o.logHint ? ` ${o.logHint}` : ''));
    restartTimer = setTimeout(() => {
      if (stopping) return;
      const {ready, exited} = launch();
      let gone = false;
      void exited.then(() => (gone = true));
      // A launch that dies before it is ready is reported (and restarted) by onExit.
      ready.catch(error => {
        if (!gone && !stopping) o.log(`${o.name} is not ready: ${error instanceof Error ? error.message : error}`);
      });
    }, delay);
  };

  firstReady = launch().ready;
  firstReady.catch(() => {}); // reported through ready()

  return {
    ready: () => firstReady!,
    pid: () => child?.pid,
    launches: () => launchCount,
    readyAfter: after => (readyLaunch > after ? Promise.resolve() : new Promise(resolve => readyWaiters.push({after, resolve}))),
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      const c = child;
      if (c && c.exitCode === null && c.signalCode === null) {
        const exited = new Promise<void>(resolve => c.once('exit', () => resolve()));
        c.kill('SIGTERM');
        const timer = setTimeout(() => {
          c.kill('SIGKILL');
          if (o.processGroup) killGroup(c.pid, 'SIGKILL');
        }, o.stopTimeoutMs ?? 10_000);
        await exited;
        clearTimeout(timer);
      }
      // Whatever the child started and left behind goes too.
      if (o.processGroup && currentTag) killTagged(currentTag);
    },
  };
}
