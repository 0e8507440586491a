import type {BenchContext} from '../context.ts';
import {say} from '../progress.ts';
import {summarize} from '../stats.ts';
import {clientSet, heartbeats} from '../support/clients.ts';
import {recordStep} from '../support/busy-rooms.ts';
import {insertActiveWalks} from '../support/fixtures.ts';
import {inTurn} from '../support/bench-account.ts';
import {openPage, pageShowsStep} from '../support/pages.ts';
import {watchedWrites} from './watched-writes.ts';

/**
 * Walk propagation: an L1 records steps with walk.recordStep while W
 * engineers have the walk's page open (exactly its queries, from
 * client/zero/page-queries.ts, with its presence heartbeats). The busy
 * account is its own scenario (busy.ts).
 */
export async function propagation({stack, account, sessions, sizes}: BenchContext) {
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
      const driverView = openPage(driver, 'walker', walk.walkId);
      const views = watchers.map(z => openPage(z, 'walker', walk.walkId));
      await Promise.all([driverView, ...views].map(v => v.complete()));
      stopBeats = heartbeats(
        stack.appUrl,
        [driver, ...watchers].map(zero => ({zero, walkId: walk.walkId})),
      );

      const changesBefore = views.reduce((a, v) => a + v.changes, 0);
      const samples = await watchedWrites({
        label: `propagation W=${w}`,
        steps: sizes.propagationSteps,
        watchers: views,
        write: seq => recordStep(driver, walk.walkId, seq),
        shows: pageShowsStep,
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
  return out;
}
