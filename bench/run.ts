/**
 * `npm run bench [-- --quick] [-- --only=floor,propagation]`: starts the real
 * stack on a fresh embedded database, runs the scenarios one after the other
 * with real Zero clients, and writes bench/results/latest.{json,md} plus
 * dated copies. See bench/README.md.
 */
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {BenchContext} from './context.ts';
import {commit, machine, zeroVersion} from './machine.ts';
import {say} from './progress.ts';
import {deriveRatios, missingKeys, setAt, writeResults, type BenchResult} from './results.ts';
import {accountFloor} from './scenarios/account-floor.ts';
import {busy} from './scenarios/busy.ts';
import {capacity} from './scenarios/capacity.ts';
import {bareZero} from './scenarios/bare-zero.ts';
import {claimRace} from './scenarios/claim-race.ts';
import {floor} from './scenarios/floor.ts';
import {initialSync} from './scenarios/initial-sync.ts';
import {memory} from './scenarios/memory.ts';
import {propagation} from './scenarios/propagation.ts';
import {queueArrival} from './scenarios/queue-arrival.ts';
import {throughput} from './scenarios/throughput.ts';
import {sizesFor} from './sizes.ts';
import {startBenchStack} from './stack/bench-stack.ts';
import {createBenchAccount} from './support/bench-account.ts';
import {sessionPool} from './support/sessions.ts';
import {viewSyncerMeter} from './view-syncer-report.ts';

type BothApps = {bare: unknown; tandem: unknown};

/**
 * In this order: each bare-Zero reference runs right before the Tandem
 * scenario it is compared with, and its zero-cache is stopped before Tandem's
 * part starts (busy, capacity and throughput start and stop it themselves).
 * `store` puts a scenario's result where its keys live (default: under its key).
 */
const SCENARIOS: {
  key: string;
  run: (ctx: BenchContext) => Promise<unknown>;
  after?: (ctx: BenchContext) => Promise<void>;
  store?: (result: BenchResult, value: unknown) => void;
}[] = [
  {key: 'floor', run: floor},
  {key: 'bare_zero', run: bareZero, after: ctx => ctx.stack.stopBare()},
  {key: 'propagation', run: propagation},
  {key: 'busy', run: busy, store: (r, v) => (setAt(r, 'bare_zero.busy', (v as BothApps).bare), setAt(r, 'propagation.busy', (v as BothApps).tandem))},
  {key: 'capacity', run: capacity, store: (r, v) => (setAt(r, 'bare_zero.capacity', (v as BothApps).bare), setAt(r, 'capacity', (v as BothApps).tandem))},
  {key: 'throughput', run: throughput, store: (r, v) => (setAt(r, 'bare_zero.throughput', (v as BothApps).bare), setAt(r, 'throughput', (v as BothApps).tandem))},
  {key: 'account_floor', run: accountFloor},
  {key: 'queue_arrival', run: queueArrival},
  {key: 'claim_race', run: claimRace},
  {key: 'initial_sync', run: initialSync},
  {key: 'search', run: (ctx: BenchContext) => import('./scenarios/search.ts').then(m => m.search(ctx))},
  {key: 'flood', run: (ctx: BenchContext) => import('./scenarios/flood.ts').then(m => m.flood(ctx))},
  {key: 'memory', run: memory},
];

/** What `--view-syncers=N` runs unless --only says otherwise: the busy account and queue arrival. */
const VIEW_SYNCER_SCENARIOS = ['busy', 'queue_arrival'];

function parseArgs(argv: string[]) {
  const quick = argv.includes('--quick');
  const viewSyncersArg = argv.find(a => a.startsWith('--view-syncers='))?.slice('--view-syncers='.length);
  const viewSyncers = viewSyncersArg === undefined ? 0 : Number(viewSyncersArg);
  if (!Number.isInteger(viewSyncers) || viewSyncers < 0) throw new Error(`--view-syncers wants a whole number, got "${viewSyncersArg}"`);
  const onlyArg = argv
    .find(a => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',')
    .filter(Boolean);
  const only = onlyArg ?? (viewSyncers > 0 ? VIEW_SYNCER_SCENARIOS : undefined);
  const unknown = argv.filter(a => a !== '--quick' && !a.startsWith('--only=') && !a.startsWith('--view-syncers='));
  if (unknown.length) throw new Error(`unknown argument(s): ${unknown.join(' ')} (use --quick, --only=floor,propagation,…, --view-syncers=N)`);
  for (const o of only ?? []) {
    if (!SCENARIOS.some(s => s.key === o)) throw new Error(`no scenario "${o}"; scenarios: ${SCENARIOS.map(s => s.key).join(', ')}`);
  }
  return {mode: (quick ? 'quick' : 'full') as 'quick' | 'full', only, viewSyncers};
}

async function main() {
  const {mode, only, viewSyncers} = parseArgs(process.argv.slice(2));
  // The stack process (bench/stack/server-process.ts) and the clients read it.
  if (viewSyncers > 0) process.env.BENCH_VIEW_SYNCERS = String(viewSyncers);
  const sizes = sizesFor(mode);
  const started = new Date();
  const result: BenchResult = {
    mode,
    started_at: started.toISOString(),
    duration_s: null,
    commit: commit(),
    zero_version: zeroVersion(),
    node_version: process.version,
    machine: machine(),
    errors: {},
  };
  for (const s of SCENARIOS) if (!s.store) result[s.key] = null;
  deriveRatios(result);

  say(`Tandem benchmark (${mode}) on ${result.machine.cores} cores, load average ${result.machine.load_avg_at_start.join(' / ')}`);
  say('starting the stack (embedded Postgres, API, zero-cache, bare zero-cache)…');
  const stack = await startBenchStack();
  const meter = viewSyncers > 0 ? viewSyncerMeter(stack) : undefined;
  if (meter) result.view_syncers = {count: viewSyncers, scenarios: {}};
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    say('interrupted: stopping the stack…');
    void stack.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    say(`stack up: API ${stack.appUrl}, zero-cache ${stack.zeroUrl}, bare zero-cache ${stack.bareZeroUrl}`);
    const account = await createBenchAccount(stack.sql, {slug: 'bench', name: 'Bench MSP', engineers: sizes.engineers, l1s: sizes.l1s});
    const ctx: BenchContext = {stack, account, sessions: sessionPool(stack.appUrl), sizes, result};
    say(`bench account: ${sizes.engineers} engineers, ${sizes.l1s} L1 techs; signing in…`);
    await ctx.sessions.all([...account.engineers, ...account.l1s]);

    for (const s of SCENARIOS) {
      if (interrupted) break;
      if (only && !only.includes(s.key)) continue;
      const t0 = Date.now();
      const finishMeter = meter?.start();
      try {
        const value = await s.run(ctx);
        if (s.store) s.store(result, value);
        else result[s.key] = value;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        result.errors[s.key] = message;
        say(`${s.key} FAILED: ${message}`);
      } finally {
        await s.after?.(ctx).catch(e => say(`${s.key}: cleanup failed: ${e}`));
      }
      if (finishMeter) {
        const parts = await finishMeter(stack.sql);
        (result.view_syncers as {scenarios: Record<string, unknown>}).scenarios[s.key] = parts;
        for (const [name, p] of Object.entries(parts)) {
          say(`  ${name}: ${p.cpu_s} s CPU (${p.cpu_share_of_one_core} of one core), ${p.client_groups} client groups`);
        }
      }
      say(`${s.key} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    deriveRatios(result);
  } finally {
    say('stopping the stack…');
    await stack.stop().catch(e => say(`stop failed: ${e}`));
  }
  result.duration_s = Math.round((Date.now() - started.getTime()) / 1000);
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  // A partial run (--only) keeps only its dated copy: latest.* stay a whole run.
  const files = writeResults(dir, result, started, {latest: !only});
  const missing = missingKeys(result);
  say(`wrote ${files.map(f => path.relative(process.cwd(), f)).join(', ')}`);
  if (missing.length) say(`keys without a measurement: ${missing.join(', ')}`);
  say(`done in ${result.duration_s} s`);
  process.exit(Object.keys(result.errors).length ? 1 : 0);
}

main().catch(error => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
