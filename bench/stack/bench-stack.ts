import {fork, type ChildProcess} from 'node:child_process';
import {createWriteStream, existsSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {ROOT_DIR} from '../../server/config.ts';
import {connect, type Sql} from '../../server/db/connect.ts';
import type {StackMessage, StackReady, StackReply} from './messages.ts';

export type BenchStack = Omit<StackReady, 'type'> & {
  /** A pool of the benchmark's own for setup and the floor scenario. */
  sql: Sql;
  /** Starts the reference app's zero-cache again (same URL and replica) after stopBare; nothing if it runs. */
  startBare: () => Promise<void>;
  /** Stops the reference app's zero-cache, so that it never competes with a Tandem scenario. */
  stopBare: () => Promise<void>;
  stop: () => Promise<void>;
  /** The last lines the stack printed (for errors). */
  tail: () => string;
};

const here = path.dirname(fileURLToPath(import.meta.url));

/** zero-cache and the API run on the Node the project pins (22), like `npm start`. */
function pinnedNode(): string {
  const pinned = path.join(ROOT_DIR, 'node_modules', 'node', 'bin', 'node');
  return existsSync(pinned) ? pinned : process.execPath;
}

/** Starts bench/stack/server-process.ts and waits until the whole stack answers. */
export async function startBenchStack(): Promise<BenchStack> {
  const lines: string[] = [];
  const child: ChildProcess = fork(path.join(here, 'server-process.ts'), [], {
    execPath: pinnedNode(),
    // BENCH_CPU_PROFILE=dir: the API process writes a V8 CPU profile there when it stops.
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [])],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    cwd: ROOT_DIR,
  });
  const logFile = path.join(os.tmpdir(), 'tandem-bench-stack.log');
  const logStream = createWriteStream(logFile);
  const keep = (chunk: Buffer) => {
    logStream.write(chunk);
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const tail = () => `${lines.slice(-40).join('\n')}\n(whole log: ${logFile})`;

  const replies: StackReply[] = [];
  const waiters: (() => void)[] = [];
  child.on('message', (m: StackReply) => {
    replies.push(m);
    for (const w of waiters.splice(0)) w();
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
    logStream.end();
    for (const w of waiters.splice(0)) w();
  });
  const next = async (accept: (m: StackReply) => boolean, ms: number): Promise<StackReply> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const i = replies.findIndex(m => accept(m) || m.type === 'error');
      if (i >= 0) {
        const [m] = replies.splice(i, 1);
        if (m.type === 'error') throw new Error(`bench stack: ${m.message}\n${tail()}`);
        return m;
      }
      if (exited) throw new Error(`bench stack exited\n${tail()}`);
      if (Date.now() > deadline) throw new Error(`bench stack did not answer within ${ms} ms\n${tail()}`);
      await new Promise<void>(resolve => {
        waiters.push(resolve);
        setTimeout(resolve, 1000);
      });
    }
  };
  const ask = (m: StackMessage) => child.send(m);

  const ready = (await next(m => m.type === 'ready', 300_000)) as StackReady;
  const sql = connect(ready.databaseUrl, {max: 10});
  const {type: _type, ...info} = ready;
  return {
    ...info,
    sql,
    tail,
    startBare: async () => {
      ask({type: 'start-bare'});
      await next(m => m.type === 'done' && m.what === 'start-bare', 180_000);
    },
    stopBare: async () => {
      ask({type: 'stop-bare'});
      await next(m => m.type === 'done' && m.what === 'stop-bare', 60_000);
    },
    stop: async () => {
      await sql.end({timeout: 5});
      if (exited) return;
      ask({type: 'stop'});
      await next(m => m.type === 'done' && m.what === 'stop', 60_000).catch(() => child.kill('SIGTERM'));
    },
  };
}
