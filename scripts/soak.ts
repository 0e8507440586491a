/**
 * `npm run test:soak [-- --minutes=N]` (default 30; not in CI): the account
 * floor (bench/scenarios/account-floor.ts) on the real stack for N minutes,
 * sampling zero-cache and API memory, Postgres connections and the tables
 * that could grow without end. The first sixth of the run is warm-up.
 * Writes bench/results/soak-<time>.{json,md}; exits 1 when memory grew by
 * 10 % or more after warm-up, connections grew, or a table is unbounded
 * (bench/soak/growth.ts says exactly how each is judged).
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {BARE_APP_ID} from '../bench/bare-zero/table.ts';
import {commit, machine, zeroVersion} from '../bench/machine.ts';
import {say} from '../bench/progress.ts';
import {fileStamp, type BenchResult} from '../bench/results.ts';
import {accountFloor} from '../bench/scenarios/account-floor.ts';
import {sizesFor} from '../bench/sizes.ts';
import {judgeConnections, judgeMemory, judgeTable, type Sample, type Verdict} from '../bench/soak/growth.ts';
import {CVR_POLICY, CVR_TOMBSTONE_POLICY, cvrCounts, cvrTables, rowCount, TRACKED_TABLES} from '../bench/soak/tracked-tables.ts';
import {gcProbe, hasProbe, memoryAfterGc} from '../bench/soak/memory-after-gc.ts';
import {processMemory, processTreeMemory, processTreePids, residentByMapping, residentParts} from '../bench/stack/process-memory.ts';
import {startBenchStack} from '../bench/stack/bench-stack.ts';
import {createBenchAccount} from '../bench/support/bench-account.ts';
import {sessionPool} from '../bench/support/sessions.ts';
import {ROOT_DIR} from '../server/config.ts';

function parseMinutes(argv: string[]): number {
  const unknown = argv.filter(a => !a.startsWith('--minutes='));
  if (unknown.length) throw new Error(`unknown argument(s): ${unknown.join(' ')} (use --minutes=N)`);
  const arg = argv.find(a => a.startsWith('--minutes='))?.slice('--minutes='.length);
  const minutes = arg === undefined ? 30 : Number(arg);
  if (!(minutes >= 1)) throw new Error(`--minutes wants a number ≥ 1, got "${arg}"`);
  return minutes;
}

const round = (n: number) => Math.round(n * 10) / 10;
/** The series of a CVR table's tombstones (bench/soak/tracked-tables.ts). */
const tombstonesOf = (table: string) => `${table} tombstones`;

/** The queue every engineer's client holds: steady on a staffed floor, or the memory it costs grows with the run. */
const OPEN_QUEUE = 'open escalations (the queue)';
const ZC_AFTER_GC = 'zero-cache RSS MB after a full GC';
const ZC_HEAP = 'zero-cache heap used MB after a full GC';
const ZC_COMMITTED = 'zero-cache V8 heap committed MB after a full GC';
const API_AFTER_GC = 'API RSS MB after a full GC';
const API_HEAP = 'API heap used MB after a full GC';
const DRIVER_HEAP = "the driver's heap used MB (the floor's clients)";
// Where zero-cache's RSS after GC is (bench/stack/process-memory.ts): private memory, mapped files, shared memory.
const ZC_ANON = 'zero-cache private (anonymous) MB after a full GC';
const ZC_FILE = 'zero-cache mapped files MB after a full GC';
const ZC_SHMEM = 'zero-cache shared memory MB after a full GC';
const OPEN_QUEUE_POLICY = {kind: 'flat', pruning: 'engineers claim each card and resolve it 60 s later'} as const;

async function main() {
  const minutes = parseMinutes(process.argv.slice(2));
  const runS = minutes * 60;
  const warmupS = runS / 6;
  // Every 30 s; a short run samples more often, so that each window has a few samples.
  const everyS = Math.min(30, Math.max(5, runS / 24));
  const sizes = sizesFor('full');
  sizes.accountFloor.durationMs = runS * 1000;
  const started = new Date();
  say(`soak: the account floor for ${minutes} min (warm-up ${round(warmupS / 60)} min), a sample every ${everyS} s`);
  say('starting the stack (embedded Postgres, API, zero-cache)…');
  // Every Node process of the stack (API, zero-cache and its workers) loads the memory probe (bench/soak/gc-probe.cjs).
  const probe = gcProbe();
  Object.assign(process.env, probe.env);
  const stack = await startBenchStack();
  const onSignal = () => void stack.stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const series: Record<string, Sample[]> = {};
  /** The biggest zero-cache process's resident mappings at each sample (what its RSS is made of). */
  const mappings: {at_s: number; pid: number; top: {what: string; mb: number}[]}[] = [];
  const add = (name: string, at_s: number, value: number) => (series[name] ??= []).push({at_s, value});
  let floorResult: unknown;
  let floorError: string | undefined;
  let cvr: string[] = [];
  try {
    // The reference app's zero-cache is not part of the soak.
    await stack.stopBare();
    if (!stack.zeroCachePid) throw new Error('the zero-cache process id is unknown');
    const zeroCachePid = stack.zeroCachePid;
    const account = await createBenchAccount(stack.sql, {slug: 'soak', name: 'Soak MSP', engineers: sizes.engineers, l1s: sizes.l1s});
    const sessions = sessionPool(stack.appUrl);
    say(`soak account: ${sizes.engineers} engineers, ${sizes.l1s} L1 techs; signing in…`);
    await sessions.all([...account.engineers, ...account.l1s]);
    const result = {} as BenchResult;

    let t0 = 0;
    let timer: ReturnType<typeof setInterval> | undefined;
    let sampling: Promise<void> = Promise.resolve();
    const snapshotDir = process.env.TANDEM_SOAK_SNAPSHOTS;
    if (snapshotDir) mkdirSync(snapshotDir, {recursive: true});
    let snapshotsTaken = 0;
    const lastHeap = new Map<number, number>();
    const sample = async () => {
      const at = Math.round((performance.now() - t0) / 1000);
      add('zero-cache RSS MB', at, round(processTreeMemory(zeroCachePid).rss));
      add('API RSS MB', at, round(processMemory(stack.apiPid).rss));
      // What stays after a full collection (bench/soak/memory-after-gc.ts): what a leak shows in; RSS alone also counts garbage V8 has not collected yet.
      const zc = {rss: 0, heap: 0, committed: 0, anon: 0, file: 0, shmem: 0};
      const probed = processTreePids(zeroCachePid).filter(pid => hasProbe(probe.dir, pid));
      if (!probed.length) throw new Error('no zero-cache process loaded the memory probe');
      // TANDEM_SOAK_SNAPSHOTS=dir: heap snapshots of zero-cache's two biggest processes (its sync workers), first when warm-up ends, then at the last sample.
      const snapshotNow = snapshotDir && ((at >= warmupS && snapshotsTaken === 0) || (at >= runS - everyS && snapshotsTaken === 1));
      if (snapshotNow) snapshotsTaken++;
      const biggest = new Set(
        [...lastHeap.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 2)
          .map(([pid]) => pid),
      );
      for (const pid of probed) {
        const snapshotTo = snapshotNow && biggest.has(pid) ? path.join(snapshotDir, `zero-cache-${pid}-${at}s.heapsnapshot`) : undefined;
        const m = await memoryAfterGc(probe.dir, pid, {snapshotTo, timeoutMs: snapshotTo ? 180_000 : 60_000});
        if (snapshotTo) say(`  heap snapshot: ${snapshotTo}`);
        lastHeap.set(pid, m.heapUsedMb);
        zc.rss += m.rssMb;
        zc.heap += m.heapUsedMb;
        zc.committed += m.heapTotalMb;
        const parts = residentParts(pid);
        zc.anon += parts.anon;
        zc.file += parts.file;
        zc.shmem += parts.shmem;
      }
      const biggestNow = [...lastHeap.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
      if (biggestNow) mappings.push({at_s: at, pid: biggestNow, top: residentByMapping(biggestNow)});
      const api = await memoryAfterGc(probe.dir, stack.apiPid);
      add(ZC_AFTER_GC, at, round(zc.rss));
      add(ZC_HEAP, at, round(zc.heap));
      add(ZC_COMMITTED, at, round(zc.committed));
      add(ZC_ANON, at, round(zc.anon));
      add(ZC_FILE, at, round(zc.file));
      add(ZC_SHMEM, at, round(zc.shmem));
      add(API_AFTER_GC, at, round(api.rssMb));
      add(API_HEAP, at, round(api.heapUsedMb));
      // The driver (this process: the floor's 100 Zero clients), so that a driver out of breath is not read as the stack's.
      add(DRIVER_HEAP, at, round(process.memoryUsage().heapUsed / 1048576));
      const [{n}] = await stack.sql<{n: number}[]>`select count(*)::int as n from pg_stat_activity where datname = current_database()`;
      add('Postgres connections', at, n);
      // Tandem's own zero-cache (the reference app's, stopped, keeps its schemas too).
      if (!cvr.length) cvr = (await cvrTables(stack.sql)).filter(t => !t.startsWith(`"${BARE_APP_ID}_`));
      for (const table of Object.keys(TRACKED_TABLES)) add(table, at, await rowCount(stack.sql, table));
      for (const table of cvr) {
        const {live, tombstones} = await cvrCounts(stack.sql, table);
        add(table, at, live);
        if (tombstones !== undefined) add(tombstonesOf(table), at, tombstones);
      }
      const [{open}] = await stack.sql<{open: number}[]>`select count(*)::int as open from handoff where status = 'open'`;
      add(OPEN_QUEUE, at, open);
      const z = series['zero-cache RSS MB'].at(-1)!.value;
      const a = series['API RSS MB'].at(-1)!.value;
      say(
        `  sample at ${at} s: zero-cache ${z} MB (${round(zc.rss)} after GC, heap ${round(zc.heap)}), API ${a} MB (${round(api.rssMb)} after GC, heap ${round(api.heapUsedMb)}), ${n} connections`,
      );
    };
    const onLoad = () => {
      t0 = performance.now();
      sampling = sample().catch(e => say(`  sample failed: ${e}`));
      timer = setInterval(() => {
        sampling = sampling.then(sample).catch(e => say(`  sample failed: ${e}`));
      }, everyS * 1000);
      // Under load only: the floor's own teardown (clients closing) is not sampled.
      setTimeout(() => clearInterval(timer), runS * 1000 + 1000).unref();
    };
    try {
      // A staffed floor: engineers claim each card and close the case a minute later, so the queue stays a steady size.
      floorResult = await accountFloor({stack, account, sessions, sizes, result}, {onLoad, workQueue: {resolveAfterMs: 60_000}});
    } catch (error) {
      floorError = error instanceof Error ? error.message : String(error);
      say(`account floor FAILED: ${floorError}`);
    } finally {
      clearInterval(timer);
      await sampling.catch(() => {});
    }
  } finally {
    say('stopping the stack…');
    await stack.stop().catch(e => say(`stop failed: ${e}`));
  }

  const verdicts: (Verdict & {what: string})[] = [
    ...[ZC_AFTER_GC, ZC_HEAP, API_AFTER_GC, API_HEAP].map(name => ({what: 'memory', ...judgeMemory(name, series[name] ?? [], warmupS)})),
    // Reported, not judged: plain RSS includes garbage not yet collected (V8 grows a busy heap lazily); the committed heap is part of RSS after GC, shown to tell V8's share of it from native memory; the driver is not the product.
    ...(
      [
        ['zero-cache RSS MB', 'counts garbage not yet collected'],
        ['API RSS MB', 'counts garbage not yet collected'],
        [ZC_COMMITTED, "V8's share of the RSS after GC"],
        [ZC_ANON, 'part of the RSS after GC'],
        [ZC_FILE, 'part of the RSS after GC'],
        [ZC_SHMEM, 'part of the RSS after GC'],
        [DRIVER_HEAP, 'the load, not the product'],
      ] as const
    ).map(([name, reason]) => {
      const v = judgeMemory(name, series[name] ?? [], warmupS);
      return {what: 'memory', ...v, ok: true, judged: false as const, why: `reported, not judged (${reason}): ${v.why}`};
    }),
    {what: 'connections', ...judgeConnections('Postgres connections', series['Postgres connections'] ?? [], warmupS)},
    ...Object.entries(TRACKED_TABLES).map(([t, policy]) => ({what: 'table', ...judgeTable(t, series[t] ?? [], warmupS, policy)})),
    ...cvr.map(t => ({what: 'CVR table', ...judgeTable(t, series[t] ?? [], warmupS, CVR_POLICY)})),
    ...cvr
      .filter(t => series[tombstonesOf(t)])
      .map(t => ({what: 'CVR tombstones', ...judgeTable(tombstonesOf(t), series[tombstonesOf(t)], warmupS, CVR_TOMBSTONE_POLICY)})),
    {what: 'load', ...judgeTable(OPEN_QUEUE, series[OPEN_QUEUE] ?? [], warmupS, OPEN_QUEUE_POLICY)},
  ];
  if (floorError) verdicts.push({what: 'load', name: 'account floor', ok: false, first: 0, last: 0, growth: null, why: floorError});
  const ok = verdicts.every(v => v.ok);
  const mappingAt = (m: (typeof mappings)[number] | undefined) =>
    m ? [`- at ${m.at_s} s (process ${m.pid}): ${m.top.map(t => `${t.what} ${round(t.mb)} MB`).join('; ')}`] : [];
  const afterWarmup = mappings.find(m => m.at_s >= warmupS);

  const lines = [
    `# Soak: ${minutes} min at the account floor (${ok ? 'PASS' : 'FAIL'})`,
    '',
    `${started.toISOString()}, commit ${commit()}, Zero ${zeroVersion()}, ${machine().cores} cores; warm-up ${round(warmupS)} s, a sample every ${everyS} s; first/last = medians of the first and last quarter after warm-up.`,
    '',
    '| what | series | first | last | growth | verdict |',
    '|---|---|---:|---:|---:|---|',
    ...verdicts.map(
      v =>
        `| ${v.what} | ${v.name} | ${round(v.first)} | ${round(v.last)} | ${v.growth === null ? '–' : `${(v.growth * 100).toFixed(1)} %`} | ${v.judged === false ? v.why : `${v.ok ? 'ok' : 'FAIL'}: ${v.why}`} |`,
    ),
    '',
    "The biggest zero-cache process's resident memory by mapping, when warm-up ended and at the last sample:",
    '',
    ...mappingAt(afterWarmup),
    ...mappingAt(mappings.at(-1)),
    '',
  ];
  const md = lines.join('\n');
  console.log(`\n${md}`);
  const dir = path.join(ROOT_DIR, 'bench', 'results');
  mkdirSync(dir, {recursive: true});
  const base = path.join(dir, `soak-${fileStamp(started)}`);
  writeFileSync(
    `${base}.json`,
    JSON.stringify(
      {
        minutes,
        started_at: started.toISOString(),
        commit: commit(),
        zero_version: zeroVersion(),
        machine: machine(),
        warmup_s: warmupS,
        every_s: everyS,
        ok,
        verdicts,
        account_floor: floorResult ?? null,
        series,
        mappings,
      },
      null,
      2,
    ) + '\n',
  );
  writeFileSync(`${base}.md`, md);
  say(`wrote ${path.relative(process.cwd(), base)}.{json,md}`);
  process.exit(ok ? 0 : 1);
}

main().catch(error => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
