/**
 * The busy account's root cause, measured: variants of the busy scenario
 * (bench/scenarios/propagation.ts) back to back on ONE stack, each with the
 * engine's own counters, so that the variants compare within one run.
 *
 *   node --import tsx bench/tools/busy-variants.ts [--walks=50] [--seconds=30] \
 *     bare tandem:byid:on tandem:flat:on tandem:flat:off tandem:flat:on:lists …
 *
 * `bare` is the reference app in the busy shape (a room per walk, its writer
 * keeps it open, two watchers). `tandem:<queries>:<beats>[:lists]`: the walk
 * page's live data as `walk.byId` (byid) or the page's flat queries (flat,
 * client/features/walk/walk-page.ts); presence beats on or off; `lists`
 * adds 50 engineer clients holding walk.active() and handoff.queue(); `shell` opens
 * the app shell's queries on every client too. (audit_log is no longer
 * replicated at all: migrations/00021_audit_log_unsynced.)
 * Per variant it prints latency (mutate call → step in a watcher's view),
 * failed steps, rows written per step to replicated tables (pg_stat), the
 * presence outcomes (beats recorded / 409 / failed, slowest beat, rows
 * swept), CPU seconds per process group, and — with ZERO_LOG_LEVEL=debug —
 * zero-cache's own advance lines (advances, changes, process time).
 * A tool for investigation: not part of `npm run bench`.
 */
import {readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {monitorEventLoopDelay} from 'node:perf_hooks';
import {mutators} from '../../mutators/index.ts';
import {queries} from '../../queries/index.ts';
import {HEARTBEAT_MS} from '../../mutators/presence/presence.ts';
import {startPresenceBeats, type BeatOutcome} from '../../client/features/walk/presence-beats.ts';
import {pageQueries} from '../../client/zero/page-queries.ts';
import type {Session} from '../../test/support/sign-in.ts';
import {bareClient} from '../bare-zero/client.ts';
import {summarize} from '../stats.ts';
import {startBenchStack, type BenchStack} from '../stack/bench-stack.ts';
import {createBenchAccount, inTurn, type BenchAccount} from '../support/bench-account.ts';
import {loopStep} from '../support/bench-flow.ts';
import {clientSet, type TandemZero} from '../support/clients.ts';
import {insertActiveWalks, insertOpenHandoffs} from '../support/fixtures.ts';
import {LiveView} from '../support/live-view.ts';
import {sessionPool} from '../support/sessions.ts';

const arg = (name: string, dflt: number) => Number(process.argv.find(a => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const WALKS = arg('walks', 50);
const SECONDS = arg('seconds', 30);
const STEP_EVERY_MS = 5000;
const variants = process.argv.slice(2).filter(a => !a.startsWith('--'));
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

type Steps = readonly {seq: number}[];

/** CPU seconds (user + system): zero-cache and its workers, Postgres, the stack's own process (API), from /proc. */
function cpu(stack: BenchStack): Record<string, number> {
  const procs = new Map<number, {ppid: number; comm: string; t: number}>();
  for (const pid of readdirSync('/proc').filter(p => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(pid), {ppid: Number(f[1]), comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), t: (Number(f[11]) + Number(f[12])) / 100});
    } catch {
      /* gone */
    }
  }
  const under = (pid: number, root: number | undefined): boolean => {
    for (let p = pid; p > 1; p = procs.get(p)?.ppid ?? 0) if (p === root) return true;
    return false;
  };
  const out: Record<string, number> = {zero_cache: 0, syncer: 0, postgres: 0, api: 0, bare_zero_cache: 0};
  const cmdline = (pid: number) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      return '';
    }
  };
  for (const [pid, p] of procs) {
    if (under(pid, stack.zeroCachePid)) {
      out.zero_cache += p.t;
      if (cmdline(pid).includes('syncer.js')) out.syncer += p.t;
    } else if (pid === stack.apiPid) out.api += p.t;
    else if (p.comm.startsWith('postgres') && under(pid, stack.apiPid)) out.postgres += p.t;
    else if (under(pid, stack.apiPid)) out.bare_zero_cache += p.t;
  }
  return out;
}

/** Rows written per replicated table (and Zero's own client rows), from pg_stat. */
async function tableWrites(stack: BenchStack): Promise<Record<string, number>> {
  const rows = await stack.sql<{t: string; n: string}[]>`
    select schemaname || '.' || relname as t, (n_tup_ins + n_tup_upd + n_tup_del)::text as n
    from pg_stat_user_tables where schemaname not in ('auth')`;
  return Object.fromEntries(rows.map(r => [r.t, Number(r.n)]));
}

/** zero-cache's own debug lines about advancing client groups, between two byte offsets of its log. */
function advanceSignals(file: string, from: number) {
  let text = '';
  try {
    text = readFileSync(file, 'utf8').slice(from);
  } catch {
    return undefined;
  }
  let advances = 0;
  let changes = 0;
  let process = 0;
  let wall = 0;
  const re = /finished processing advancement of (\d+) changes \(\(process: ([\d.]+) ms, wall: ([\d.]+) ms\)\)/g;
  for (const m of text.matchAll(re)) {
    advances++;
    changes += Number(m[1]);
    process += Number(m[2]);
    wall += Number(m[3]);
  }
  const count = (s: string) => text.split(s).length - 1;
  return {
    advances,
    changes_advanced: changes,
    advance_process_ms: Math.round(process),
    advance_wall_ms: Math.round(wall),
    resets: count('resetting pipelines'),
    reset_reasons: [...text.matchAll(/resetting pipelines: (.{0,90})/g)].reduce<Record<string, number>>((a, m) => {
      const k = m[1].replace(/[\d.]+/g, 'N').slice(0, 70);
      a[k] = (a[k] ?? 0) + 1;
      return a;
    }, {}),
    hydrations: count('hydrating '),
    row_patches: [...text.matchAll(/sent (\d+) row patches/g)].reduce((a, m) => a + Number(m[1]), 0),
    pokes_started: count('starting poke from'),
    cvr_flushes: count('flushed cvr@'),
    cvr_flush_ms: Math.round([...text.matchAll(/flushed cvr@\S+ .*? in \(([\d.]+) ms\)/g)].reduce((a, m) => a + Number(m[1]), 0)),
    already_caught_up: count('already caught up'),
  };
}
/** BUSY_KEEP_LOGS=dir: the variant's slice of zero-cache's log is kept there (the stack's data dir is deleted at the end). */
function keepLog(file: string, from: number, spec: string): {log?: string} {
  const dir = process.env.BUSY_KEEP_LOGS;
  if (!dir) return {};
  const out = path.join(dir, `zero-cache-${spec.replaceAll(':', '-')}-${Date.now()}.log`);
  writeFileSync(out, readFileSync(file).subarray(from));
  return {log: out};
}
const logSize = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

/** The walker page's heartbeats (clients.ts), counted. */
function countedBeats(appUrl: string, entries: {zero: TandemZero; session: Session; walkId: string}[]) {
  const n = {recorded: 0, failed: 0, slowest_ms: 0, late: 0};
  const stops = entries.map(({zero, session, walkId}) => {
    const send = async (id: string): Promise<BeatOutcome> => {
      const t0 = performance.now();
      const res = await fetch(`${appUrl}/api/presence/beat`, {
        method: 'POST',
        headers: {'content-type': 'application/json', authorization: `Bearer ${session.token}`},
        body: JSON.stringify({walkId: id}),
      });
      const ms = performance.now() - t0;
      n.slowest_ms = Math.max(n.slowest_ms, Math.round(ms));
      if (ms > 4000) n.late++;
      const outcome = res.status === 204 ? 'recorded' : 'failed';
      n[outcome]++;
      return outcome;
    };
    return startPresenceBeats(zero, walkId, send, {firstDelayMs: Math.random() * HEARTBEAT_MS});
  });
  return {counts: n, stop: () => stops.forEach(s => s())};
}

/** Steps (or bare rows) every STEP_EVERY_MS per lane for SECONDS; mutate call → row in each watcher's view. */
async function drive(lanes: {write: (seq: number) => Promise<void>; watchers: LiveView<Steps>[]}[]) {
  const samples: number[] = [];
  // The slowest samples, each with when it was written (s into the drive) and when the writer's mutation was answered, to set against zero-cache's log.
  const slow: {at_s: number; ms: number; ack_ms: number}[] = [];
  const start = performance.now();
  const failures: string[] = [];
  const pending: Promise<void>[] = [];
  const end = performance.now() + SECONDS * 1000;
  let writes = 0;
  // The clients' own process (this one): its CPU and event-loop delay over the drive, so a saturated driver is not read as server latency.
  const loop = monitorEventLoopDelay({resolution: 10});
  loop.enable();
  const own0 = process.cpuUsage();
  // BUSY_PROFILE_MARKS=dir: marks the drive's start and end there (dir/start, dir/stop), for a profiler hook in zero-cache's workers.
  const marks = process.env.BUSY_PROFILE_MARKS;
  if (marks) writeFileSync(path.join(marks, 'start'), '');
  await Promise.all(
    lanes.map(async lane => {
      await sleep(Math.random() * STEP_EVERY_MS);
      for (let seq = 1; performance.now() < end; seq++) {
        const next = performance.now() + STEP_EVERY_MS;
        const seen = lane.watchers.map(v => v.when(d => d.some(s => s.seq === seq), 30_000, `step ${seq}`));
        const t0 = performance.now();
        writes++;
        let ack = 0;
        pending.push(
          Promise.all([Promise.all(seen), lane.write(seq).then(() => void (ack = performance.now() - t0))]).then(
            ([times]) =>
              void times.forEach(t => {
                samples.push(t - t0);
                slow.push({at_s: Math.round((t0 - start) / 100) / 10, ms: Math.round(t - t0), ack_ms: Math.round(ack)});
              }),
            (e: Error) => void failures.push(e.message),
          ),
        );
        await sleep(Math.max(0, next - performance.now()));
      }
    }),
  );
  if (marks) writeFileSync(path.join(marks, 'stop'), '');
  await Promise.all(pending);
  loop.disable();
  const own = process.cpuUsage(own0);
  const clients = {
    cpu_s: Math.round((own.user + own.system) / 1e5) / 10,
    loop_delay_p99_ms: Math.round(loop.percentile(99) / 1e6),
    loop_delay_max_ms: Math.round(loop.max / 1e6),
  };
  slow.sort((a, b) => b.ms - a.ms);
  return {...summarize(samples), failed: failures.length, writes, clients, slowest: slow.slice(0, 12)};
}

async function bareVariant(stack: BenchStack, account: BenchAccount, sessions: ReturnType<typeof sessionPool>) {
  const clients = clientSet(stack.bareZeroUrl);
  const views: LiveView<Steps>[] = [];
  try {
    const lanes = await Promise.all(
      inTurn(account.l1s, WALKS).map(async (l1, k) => {
        const room = crypto.randomUUID();
        const writer = clients.track(bareClient(stack.bareZeroUrl, await sessions.get(l1)));
        const own = new LiveView(writer.room(room)) as unknown as LiveView<Steps>;
        const watchers = await Promise.all(
          inTurn(account.engineers, 2, k * 2).map(async e => {
            const z = clients.track(bareClient(stack.bareZeroUrl, await sessions.get(e)));
            return new LiveView(z.room(room)) as unknown as LiveView<Steps>;
          }),
        );
        views.push(own, ...watchers);
        const write = async (seq: number) => {
          const r = await writer.insert({id: crypto.randomUUID(), room, seq, body: 'Does it show the sign-in screen? — Yes', createdAt: Date.now()});
          if (r.type !== 'success') throw new Error(`bare insert refused`);
        };
        return {write, watchers};
      }),
    );
    await Promise.all(views.map(v => v.complete(120_000)));
    const c0 = cpu(stack);
    const result = await drive(lanes);
    const c1 = cpu(stack);
    // The same CPU window as a Tandem variant's: the drive only, hydration left out.
    return {...result, cpu_s: Object.fromEntries(Object.keys(c1).map(k => [k, Math.round((c1[k] - c0[k]) * 10) / 10]))};
  } finally {
    views.forEach(v => v.destroy());
    await clients.closeAll();
  }
}

/** A walker-page client: its views (steps view first, for timing) per the variant's query shape. */
function openWalkPage(z: TandemZero, walkId: string, shape: string, shell: boolean): {steps: LiveView<Steps>; all: LiveView<unknown>[]} {
  const shellViews = shell ? Object.values(pageQueries.shell()).map(query => new LiveView(z.materialize(query as never)) as LiveView<unknown>) : [];
  if (shape === 'byid') {
    const v = new LiveView(z.materialize(queries.walk.byId({walkId})));
    const steps = {
      when: (accept: (s: Steps) => boolean, ms: number, what: string) => v.when(w => !!w && accept((w as {steps: Steps}).steps), ms, what),
    } as unknown as LiveView<Steps>;
    return {steps, all: [v as LiveView<unknown>, ...shellViews]};
  }
  const q = pageQueries.walker(walkId);
  const views = Object.values(q).map(query => new LiveView(z.materialize(query as never)) as LiveView<unknown>);
  return {steps: views[1] as unknown as LiveView<Steps>, all: [...views, ...shellViews]};
}

async function tandemVariant(stack: BenchStack, account: BenchAccount, sessions: ReturnType<typeof sessionPool>, spec: string) {
  const [, shape, beats, ...extras] = spec.split(':');
  const lists = extras.includes('lists');
  // `shell`: each client also holds the app shell's queries (pageQueries.shell(), open on every page in the browser).
  const shell = extras.includes('shell');
  const clients = clientSet(stack.zeroUrl);
  const views: LiveView<unknown>[] = [];
  let stopBeats = () => {};
  try {
    const walks = await insertActiveWalks(stack.sql, account, inTurn(account.l1s, WALKS), 'Busy walk');
    if (lists) await insertOpenHandoffs(stack.sql, account, account.l1s[0], 10);
    const beaters: {zero: TandemZero; session: Session; walkId: string}[] = [];
    const lanes = await Promise.all(
      walks.map(async (walk, k) => {
        const driverSession = await sessions.get(walk.driver);
        const driver = clients.tandem(driverSession);
        const own = openWalkPage(driver, walk.walkId, shape, shell);
        beaters.push({zero: driver, session: driverSession, walkId: walk.walkId});
        const watchers = await Promise.all(
          inTurn(account.engineers, 2, k * 2).map(async e => {
            const session = await sessions.get(e);
            const z = clients.tandem(session);
            beaters.push({zero: z, session, walkId: walk.walkId});
            return openWalkPage(z, walk.walkId, shape, shell);
          }),
        );
        views.push(...own.all, ...watchers.flatMap(w => w.all));
        const write = async (seq: number) => {
          const r = await driver.mutate(mutators.walk.recordStep({walkId: walk.walkId, ...loopStep(seq)})).server;
          if (r.type !== 'success') throw new Error(`recordStep refused: ${JSON.stringify(r)}`);
        };
        return {write, watchers: watchers.map(w => w.steps)};
      }),
    );
    if (lists) {
      for (const e of account.engineers) {
        const z = clients.tandem(await sessions.get(e));
        views.push(
          new LiveView(z.materialize(queries.walk.active())) as LiveView<unknown>,
          new LiveView(z.materialize(queries.handoff.queue())) as LiveView<unknown>,
        );
      }
    }
    log(`  ${clients.count()} clients, ${views.length} views; hydrating`);
    await Promise.all(views.map(v => v.complete(180_000)));
    const beat = beats === 'on' ? countedBeats(stack.appUrl, beaters) : undefined;
    stopBeats = beat?.stop ?? (() => {});
    await sleep(2 * HEARTBEAT_MS);
    const zcLog = path.join(stack.dataDir, 'zero-cache.log');
    const logFrom = logSize(zcLog);
    const w0 = await tableWrites(stack);
    const c0 = cpu(stack);
    const beats0 = beat ? {...beat.counts} : undefined;
    const result = await drive(lanes);
    const c1 = cpu(stack);
    const w1 = await tableWrites(stack);
    const written = Object.fromEntries(
      Object.entries(w1)
        .map(([t, n]) => [t, Math.round(((n - (w0[t] ?? 0)) / result.writes) * 100) / 100] as const)
        .filter(([, n]) => n > 0),
    );
    const beatsDuring =
      beat && beats0 ? Object.fromEntries(Object.entries(beat.counts).map(([k, v]) => [k, k === 'slowest_ms' ? v : v - (beats0 as never)[k]])) : 'off';
    return {
      ...result,
      rows_per_step: written,
      cpu_s: Object.fromEntries(Object.keys(c1).map(k => [k, Math.round((c1[k] - c0[k]) * 10) / 10])),
      beats: beatsDuring,
      zero_cache: advanceSignals(zcLog, logFrom),
      ...keepLog(zcLog, logFrom, spec),
    };
  } finally {
    stopBeats();
    views.forEach(v => v.destroy());
    await clients.closeAll();
  }
}

async function main() {
  log(`busy variants: ${WALKS} walks × (driver + 2 watchers), a step every 5 s each, ${SECONDS} s: ${variants.join(', ')}`);
  const stack = await startBenchStack();
  try {
    const account = await createBenchAccount(stack.sql, {slug: 'bench', name: 'Bench MSP', engineers: 50, l1s: 50});
    const sessions = sessionPool(stack.appUrl);
    await sessions.all([...account.engineers, ...account.l1s]);
    for (const v of variants) {
      log(`variant ${v}`);
      const c0 = cpu(stack);
      const r = v === 'bare' ? await bareVariant(stack, account, sessions) : await tandemVariant(stack, account, sessions, v);
      log(`RESULT ${v} ${JSON.stringify(r)}`);
      if (v === 'bare') {
        const c1 = cpu(stack);
        log(
          `  cpu_s ${JSON.stringify(Object.fromEntries(Object.keys(c1).map(k => [k, Math.round((c1[k] - c0[k]) * 10) / 10])))} (whole variant, hydration included)`,
        );
      }
      await sleep(3000);
    }
  } finally {
    await stack.stop();
  }
  process.exit(0);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
