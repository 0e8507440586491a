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
import {CVR_POLICY, cvrTables, rowCount, TRACKED_TABLES} from '../bench/soak/tracked-tables.ts';
import {processMemory, processTreeMemory} from '../bench/stack/process-memory.ts';
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
  const stack = await startBenchStack();
  const onSignal = () => void stack.stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const series: Record<string, Sample[]> = {};
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
    const sample = async () => {
      const at = Math.round((performance.now() - t0) / 1000);
      add('zero-cache RSS MB', at, round(processTreeMemory(zeroCachePid).rss));
      add('API RSS MB', at, round(processMemory(stack.apiPid).rss));
      const [{n}] = await stack.sql<{n: number}[]>`select count(*)::int as n from pg_stat_activity where datname = current_database()`;
      add('Postgres connections', at, n);
      // Tandem's own zero-cache (the reference app's, stopped, keeps its schemas too).
      if (!cvr.length) cvr = (await cvrTables(stack.sql)).filter(t => !t.startsWith(`"${BARE_APP_ID}_`));
      for (const table of [...Object.keys(TRACKED_TABLES), ...cvr]) add(table, at, await rowCount(stack.sql, table));
      const z = series['zero-cache RSS MB'].at(-1)!.value;
      const a = series['API RSS MB'].at(-1)!.value;
      say(`  sample at ${at} s: zero-cache ${z} MB, API ${a} MB, ${n} connections`);
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
      floorResult = await accountFloor({stack, account, sessions, sizes, result}, {onLoad});
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
    {what: 'memory', ...judgeMemory('zero-cache RSS MB', series['zero-cache RSS MB'] ?? [], warmupS)},
    {what: 'memory', ...judgeMemory('API RSS MB', series['API RSS MB'] ?? [], warmupS)},
    {what: 'connections', ...judgeConnections('Postgres connections', series['Postgres connections'] ?? [], warmupS)},
    ...Object.entries(TRACKED_TABLES).map(([t, policy]) => ({what: 'table', ...judgeTable(t, series[t] ?? [], warmupS, policy)})),
    ...cvr.map(t => ({what: 'CVR table', ...judgeTable(t, series[t] ?? [], warmupS, CVR_POLICY)})),
  ];
  if (floorError) verdicts.push({what: 'load', name: 'account floor', ok: false, first: 0, last: 0, growth: null, why: floorError});
  const ok = verdicts.every(v => v.ok);

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
