import {mutators} from '../../mutators/index.ts';
import {queries} from '../../queries/index.ts';
import type {Walk, WalkStep} from '../../schema/index.ts';
import type {BenchContext} from '../context.ts';
import {counter, say} from '../progress.ts';
import {summarize} from '../stats.ts';
import {clientSet, heartbeats, type TandemZero} from '../support/clients.ts';
import {loopStep} from '../support/bench-flow.ts';
import {insertActiveWalks} from '../support/fixtures.ts';
import {inTurn} from '../support/bench-account.ts';
import {LiveView} from '../support/live-view.ts';
import {watchedWrites} from './watched-writes.ts';

type WalkView = (Walk & {steps: readonly WalkStep[]}) | undefined;

const openWalk = (z: TandemZero, walkId: string) => new LiveView(z.materialize(queries.walk.byId({walkId}))) as unknown as LiveView<WalkView>;
const hasStep = (walk: WalkView, seq: number) => !!walk?.steps.some(s => s.seq === seq);

async function recordStep(driver: TandemZero, walkId: string, seq: number) {
  const result = await driver.mutate(mutators.walk.recordStep({walkId, ...loopStep(seq)})).server;
  if (result.type !== 'success') throw new Error(`recordStep ${seq} refused: ${JSON.stringify(result)}`);
}

/**
 * Walk propagation: an L1 records steps with walk.recordStep while W
 * engineers have the walk open (walk.byId, as the walker page does, with
 * its presence heartbeats). Then the busy account: many walks at once, each
 * with two watchers, each L1 stepping every few seconds.
 */
export async function propagation(ctx: BenchContext) {
  const {stack, account, sessions, sizes} = ctx;
  const out: Record<string, unknown> = {};
  for (const [i, w] of sizes.watcherCounts.entries()) {
    say(`propagation: W=${w}, ${sizes.propagationSteps} steps`);
    const clients = clientSet(stack.zeroUrl);
    let stopBeats = () => {};
    try {
      const driverMember = account.l1s[i % account.l1s.length];
      const [walk] = await insertActiveWalks(stack.sql, account, [driverMember]);
      const driver = clients.tandem(await sessions.get(driverMember));
      const watchers = (await sessions.all(inTurn(account.engineers, w))).map(s => clients.tandem(s));
      const driverView = openWalk(driver, walk.walkId);
      const views = watchers.map(z => openWalk(z, walk.walkId));
      await Promise.all([driverView, ...views].map(v => v.complete()));
      stopBeats = heartbeats(stack.appUrl, [driver, ...watchers].map(zero => ({zero, walkId: walk.walkId})));

      const changesBefore = views.reduce((a, v) => a + v.changes, 0);
      const samples = await watchedWrites({
        label: `propagation W=${w}`,
        steps: sizes.propagationSteps,
        watchers: views,
        write: seq => recordStep(driver, walk.walkId, seq),
        shows: hasStep,
      });
      const s = summarize(samples);
      // How often a watcher's walk view changed per recorded step (1 = only the steps themselves).
      const updates = (views.reduce((a, v) => a + v.changes, 0) - changesBefore) / (w * sizes.propagationSteps);
      out[`w${w}`] = {...s, steps: sizes.propagationSteps, watcher_updates_per_step: Math.round(updates * 100) / 100};
      say(`  propagation W=${w}: p50 ${s.p50_ms} ms, p95 ${s.p95_ms} ms, p99 ${s.p99_ms} ms; ${updates.toFixed(2)} view updates per watcher per step`);
      for (const v of [driverView, ...views]) v.destroy();
    } finally {
      stopBeats();
      await clients.closeAll();
    }
  }
  out.busy = await busyAccount(ctx);
  return out;
}

/** Many walks at once: each L1 steps every few seconds, two engineers watch each walk. */
async function busyAccount({stack, account, sessions, sizes}: BenchContext) {
  const {walks: n, watchersPerWalk, stepEveryMs, durationMs} = sizes.busy;
  say(`propagation busy: ${n} walks × ${watchersPerWalk} watchers, a step every ${stepEveryMs / 1000} s each, ${durationMs / 1000} s`);
  const clients = clientSet(stack.zeroUrl);
  let stopBeats = () => {};
  const views: LiveView<WalkView>[] = [];
  try {
    const drivers = inTurn(account.l1s, n);
    const walks = await insertActiveWalks(stack.sql, account, drivers, 'Busy walk');
    await sessions.all([...drivers, ...account.engineers]);
    const lanes = await Promise.all(
      walks.map(async (walk, k) => {
        const driver = clients.tandem(await sessions.get(walk.driver));
        const watchers = await Promise.all(
          Array.from({length: watchersPerWalk}, async (_, j) =>
            clients.tandem(await sessions.get(account.engineers[(k * watchersPerWalk + j) % account.engineers.length])),
          ),
        );
        const driverView = openWalk(driver, walk.walkId);
        const watcherViews = watchers.map(z => openWalk(z, walk.walkId));
        views.push(driverView, ...watcherViews);
        return {walk, driver, watchers, watcherViews};
      }),
    );
    say(`  ${clients.count()} clients connecting`);
    await Promise.all(views.map(v => v.complete(120_000)));
    stopBeats = heartbeats(stack.appUrl, lanes.flatMap(l => [l.driver, ...l.watchers].map(zero => ({zero, walkId: l.walk.walkId}))));

    const samples: number[] = [];
    const failures: string[] = [];
    const pending: Promise<void>[] = [];
    const end = performance.now() + durationMs;
    const expected = lanes.length * Math.floor(durationMs / stepEveryMs);
    const tick = counter('busy steps', expected);
    let done = 0;
    await Promise.all(
      lanes.map(async lane => {
        await new Promise(r => setTimeout(r, Math.random() * stepEveryMs));
        for (let seq = 1; performance.now() < end; seq++) {
          const next = performance.now() + stepEveryMs;
          const seen = lane.watcherViews.map(v => v.when(d => hasStep(d, seq), 30_000, `busy step ${seq}`));
          const t0 = performance.now();
          const confirmed = recordStep(lane.driver, lane.walk.walkId, seq);
          pending.push(
            Promise.all([Promise.all(seen), confirmed]).then(
              ([times]) => {
                for (const t of times) samples.push(t - t0);
                tick(++done);
              },
              (e: Error) => void failures.push(e.message),
            ),
          );
          await new Promise(r => setTimeout(r, Math.max(0, next - performance.now())));
        }
      }),
    );
    await Promise.all(pending);
    if (failures.length) say(`  busy: ${failures.length} steps failed, e.g. ${failures[0]}`);
    const s = summarize(samples);
    say(`  busy: p50 ${s.p50_ms} ms, p95 ${s.p95_ms} ms, p99 ${s.p99_ms} ms over ${s.samples} samples`);
    return {...s, walks: n, watchers_per_walk: watchersPerWalk, clients: clients.count(), failed_steps: failures.length};
  } finally {
    stopBeats();
    for (const v of views) v.destroy();
    await clients.closeAll();
  }
}
