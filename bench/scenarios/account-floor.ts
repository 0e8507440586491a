import {mutators} from '../../mutators/index.ts';
import type {BenchContext} from '../context.ts';
import {counter, say} from '../progress.ts';
import {summarize} from '../stats.ts';
import type {BenchMember} from '../support/bench-account.ts';
import {recordStep} from '../support/busy-rooms.ts';
import {clientSet, heartbeats, type TandemZero} from '../support/clients.ts';
import {insertActiveWalks} from '../support/fixtures.ts';
import type {LiveView} from '../support/live-view.ts';
import {openPage, pageShowsHandoff, pageShowsPresence, pageShowsStep, type PageData} from '../support/pages.ts';

/** One L1 on the floor: the walk they drive now, their walker page, and the two engineers' pages watching it. */
type Desk = {
  l1: BenchMember;
  zero: TandemZero;
  walkId: string;
  seq: number;
  page: LiveView<PageData>;
  watchers: {engineer: number; page: LiveView<PageData>}[];
  stopBeats: () => void;
  /** The step in flight (seen by both watchers and confirmed, or failed); a walk is switched only between steps. */
  inFlight: Promise<void>;
  switching: boolean;
};

/**
 * A realistic account at work, every client holding exactly the queries
 * its pages open in the browser (client/zero/page-queries.ts, shell
 * included): every L1 on the walker page of the walk they drive, stepping
 * every few seconds; every engineer with Live walks and the queue open, and
 * two engineers also on each walk's page, watching (one Zero client per
 * engineer: a browser's tabs share one client group). Every few seconds an
 * L1 escalates their walk and starts a new call (`ticket.intake`), so the
 * floor stays at the same number of walks; their watchers follow to the new
 * walk. Samples: step → shown on both watchers' walker pages; escalation →
 * card on every engineer's queue. `onLoad` is called when the load starts
 * (every page open); `npm run test:soak` runs this for minutes.
 *
 * `workQueue`: engineers also work the queue, as a staffed floor does: once
 * a card is on every queue, the next engineer in turn claims it, and
 * resolves it `resolveAfterMs` later. Without it (the benchmark's floor, as
 * issue #17 defines it) every escalation stays open until the end, so the
 * queue each engineer holds grows for as long as the floor runs: fine for
 * a minute's latency, not for a soak that judges memory (the soak uses it).
 */
export async function accountFloor(
  {stack, account, sessions, sizes}: BenchContext,
  {onLoad, workQueue}: {onLoad?: () => void; workQueue?: {resolveAfterMs: number}} = {},
) {
  const {l1s: nL1, engineers: nEng, watchersPerWalk, stepEveryMs, escalateEveryMs, durationMs, timeoutMs} = sizes.accountFloor;
  const l1s = account.l1s.slice(0, nL1);
  const engineers = account.engineers.slice(0, nEng);
  say(
    `account floor: ${l1s.length} L1s driving, ${engineers.length} engineers on Live walks + queue, ${watchersPerWalk} watching each walk; a step every ${stepEveryMs / 1000} s per walk, an escalation every ${escalateEveryMs / 1000} s, ${durationMs / 1000} s`,
  );
  // The floor is exactly these walks: earlier scenarios' walks and handoffs leave the lists.
  await stack.sql`update walk set status = 'abandoned' where account_id = ${account.id} and status = 'active'`;
  await stack.sql`update handoff set status = 'resolved', resolved_at = ${Date.now()} where account_id = ${account.id} and status = 'open'`;

  const clients = clientSet(stack.zeroUrl);
  const desks: Desk[] = [];
  const engineerPages: LiveView<PageData>[] = [];
  try {
    const walks = await insertActiveWalks(stack.sql, account, l1s, 'Floor walk');
    const engineerZero = await Promise.all(engineers.map(async m => clients.tandem(await sessions.get(m))));
    const queues = engineerZero.map(z => openPage(z, 'queue'));
    const liveWalks = engineerZero.map(z => openPage(z, 'liveWalks'));
    engineerPages.push(...queues, ...liveWalks);
    const watchersOf = (k: number) => Array.from({length: watchersPerWalk}, (_, j) => (k * watchersPerWalk + j) % engineers.length);
    for (const [k, walk] of walks.entries()) {
      const zero = clients.tandem(await sessions.get(walk.driver));
      const watchers = watchersOf(k).map(engineer => ({engineer, page: openPage(engineerZero[engineer], 'walker', walk.walkId)}));
      const desk: Desk = {
        l1: walk.driver,
        zero,
        walkId: walk.walkId,
        seq: 0,
        page: openPage(zero, 'walker', walk.walkId),
        watchers,
        stopBeats: () => {},
        inFlight: Promise.resolve(),
        switching: false,
      };
      desks.push(desk);
    }
    const beat = (d: Desk) => {
      d.stopBeats = heartbeats(stack.appUrl, [{zero: d.zero, walkId: d.walkId}, ...d.watchers.map(w => ({zero: engineerZero[w.engineer], walkId: d.walkId}))]);
    };
    // A walker page beats from the moment it opens (usePresence starts on mount), not once its data is in.
    desks.forEach(beat);
    const all = [...engineerPages, ...desks.flatMap(d => [d.page, ...d.watchers.map(w => w.page)])];
    const opened = performance.now();
    for (let i = 0; i < all.length; i += 30) await Promise.all(all.slice(i, i + 30).map(v => v.complete(180_000)));
    // The floor is measured at work, not while 150 people open their pages in the same second: it
    // starts once every walk's page and every engineer's Live walks list shows who is on each walk.
    const viewers = 1 + watchersPerWalk;
    await Promise.all([
      ...desks.map(d => d.page.when(p => pageShowsPresence(p, d.walkId, viewers), 180_000, 'floor presence on the walker page')),
      ...liveWalks.map(v => v.when(p => desks.every(d => pageShowsPresence(p, d.walkId, viewers)), 180_000, 'floor presence on Live walks')),
    ]);
    const settleMs = Math.round(performance.now() - opened);
    say(`  ${clients.count()} clients, ${all.length} open pages complete, everyone's presence shown after ${settleMs} ms`);

    const stepSamples: number[] = [];
    /** [sent at, ms to both watchers]: the floor's steps by 10 s window (where a tail comes from). */
    const byWindow: [number, number][] = [];
    const cardSamples: number[] = [];
    const stepFailures: string[] = [];
    const cardFailures: string[] = [];
    const pending: Promise<void>[] = [];
    const end = performance.now() + durationMs;
    const tick = counter('floor steps', Math.max(1, Math.round((desks.length * durationMs) / stepEveryMs)));
    let stepsDone = 0;
    let steps = 0;
    let escalations = 0;
    const queueWork = {claimed: 0, resolved: 0, failed: [] as string[]};
    /** The next engineer in turn picks the card up and closes the case a while later (workQueue only). */
    const workCard = async (handoffId: string, i: number) => {
      if (!workQueue) return;
      const z = engineerZero[i % engineerZero.length];
      const claimed = await z.mutate(mutators.handoff.claim({handoffId})).server;
      if (claimed.type !== 'success') throw new Error(`claim refused: ${JSON.stringify(claimed)}`);
      queueWork.claimed++;
      await new Promise(r => setTimeout(r, workQueue.resolveAfterMs));
      const resolved = await z.mutate(mutators.handoff.resolve({handoffId, resolutionNotes: `Floor case ${i}: fixed the sign-in profile.`})).server;
      if (resolved.type !== 'success') throw new Error(`resolve refused: ${JSON.stringify(resolved)}`);
      queueWork.resolved++;
    };
    // Every page is open and the walks start stepping now (the soak's clock starts here).
    onLoad?.();

    const step = (d: Desk) => {
      const seq = ++d.seq;
      const seen = d.watchers.map(w => w.page.when(p => pageShowsStep(p, seq), timeoutMs, `floor step ${seq}`));
      const t0 = performance.now();
      const confirmed = recordStep(d.zero, d.walkId, seq);
      steps++;
      d.inFlight = Promise.all([Promise.all(seen), confirmed]).then(
        ([times]) => {
          for (const t of times) {
            stepSamples.push(t - t0);
            byWindow.push([t0, t - t0]);
          }
          tick(++stepsDone);
        },
        (e: Error) => void stepFailures.push(e.message),
      );
      pending.push(d.inFlight);
    };

    /** The L1 escalates the walk they drive, then takes the next call; the watchers follow to the new walk. */
    const escalateAndTakeNextCall = async (d: Desk, i: number) => {
      d.switching = true;
      await d.inFlight;
      escalations++;
      const handoffId = crypto.randomUUID();
      const onQueues = queues.map(q => q.when(p => pageShowsHandoff(p, handoffId), timeoutMs, `floor card ${i}`));
      const t0 = performance.now();
      const escalated = d.zero
        .mutate(mutators.walk.escalate({walkId: d.walkId, handoffId, reasonCategory: 'Out of L1 scope', details: `Floor escalation ${i}`}))
        .server.then(r => {
          if (r.type !== 'success') throw new Error(`escalate refused: ${JSON.stringify(r)}`);
        });
      const card = Promise.all([Promise.all(onQueues), escalated]).then(
        ([times]) => void cardSamples.push(...times.map(t => t - t0)),
        (e: Error) => void cardFailures.push(e.message),
      );
      pending.push(card);
      if (workQueue) pending.push(card.then(() => workCard(handoffId, i)).catch((e: Error) => void queueWork.failed.push(e.message)));
      await escalated.catch(() => {});

      d.stopBeats();
      const walkId = crypto.randomUUID();
      const intake = await d.zero.mutate(
        mutators.ticket.intake({
          ticketId: crypto.randomUUID(),
          walkId,
          problemStatement: `Floor call ${i}: cannot sign in after a restart`,
          customerName: `Caller ${i}`,
          flowId: account.flowId,
        }),
      ).server;
      if (intake.type !== 'success') throw new Error(`intake refused: ${JSON.stringify(intake)}`);
      d.page.destroy();
      for (const w of d.watchers) w.page.destroy();
      d.walkId = walkId;
      d.seq = 0;
      d.page = openPage(d.zero, 'walker', walkId);
      d.watchers = d.watchers.map(w => ({engineer: w.engineer, page: openPage(engineerZero[w.engineer], 'walker', walkId)}));
      await Promise.all([d.page, ...d.watchers.map(w => w.page)].map(v => v.complete(60_000)));
      beat(d);
      d.switching = false;
    };

    const stepping = desks.map(async d => {
      await new Promise(r => setTimeout(r, Math.random() * stepEveryMs));
      while (performance.now() < end) {
        const next = performance.now() + stepEveryMs;
        if (!d.switching) step(d);
        await new Promise(r => setTimeout(r, Math.max(0, next - performance.now())));
      }
    });
    const escalating = (async () => {
      const switches: Promise<void>[] = [];
      const start = end - durationMs;
      // One every escalateEveryMs from the start, the last at the end at the latest.
      for (let i = 0; start + (i + 1) * escalateEveryMs <= end; i++) {
        await new Promise(r => setTimeout(r, Math.max(0, start + (i + 1) * escalateEveryMs - performance.now())));
        const d = desks[i % desks.length];
        switches.push(escalateAndTakeNextCall(d, i).catch((e: Error) => void cardFailures.push(e.message)));
      }
      await Promise.all(switches);
    })();
    await Promise.all([...stepping, escalating]);
    await Promise.all(pending);

    if (stepFailures.length) say(`  floor: ${stepFailures.length} of ${steps} steps failed, e.g. ${stepFailures[0]}`);
    if (cardFailures.length) say(`  floor: ${cardFailures.length} escalations failed, e.g. ${cardFailures[0]}`);
    if (queueWork.failed.length) say(`  floor: ${queueWork.failed.length} claims or resolves failed, e.g. ${queueWork.failed[0]}`);
    const started = end - durationMs;
    const windows = Array.from({length: Math.ceil(durationMs / 10_000)}, (_, w) =>
      summarize(byWindow.filter(([t0]) => Math.floor((t0 - started) / 10_000) === w).map(([, ms]) => ms)),
    );
    say(`  floor steps by 10 s window, p99: ${windows.map(w => `${w.p99_ms ?? '–'}`).join(', ')} ms`);
    const s = summarize(stepSamples);
    const c = summarize(cardSamples);
    say(`  floor steps: p50 ${s.p50_ms} ms, p99 ${s.p99_ms} ms (${s.samples} samples); cards: p50 ${c.p50_ms} ms, p99 ${c.p99_ms} ms (${c.samples} samples)`);
    return {
      step_p50_ms: s.p50_ms,
      step_p95_ms: s.p95_ms,
      step_p99_ms: s.p99_ms,
      step_samples: s.samples,
      settle_ms: settleMs,
      steps,
      failed_steps: stepFailures.length,
      card_p50_ms: c.p50_ms,
      card_p95_ms: c.p95_ms,
      card_p99_ms: c.p99_ms,
      card_samples: c.samples,
      escalations,
      failed_escalations: cardFailures.length,
      ...(workQueue ? {claimed: queueWork.claimed, resolved: queueWork.resolved, failed_queue_work: queueWork.failed.length} : {}),
      l1s: l1s.length,
      engineers: engineers.length,
      watchers_per_walk: watchersPerWalk,
      clients: clients.count(),
      open_pages: l1s.length * (1 + watchersPerWalk) + engineers.length * 2,
    };
  } finally {
    for (const d of desks) {
      d.stopBeats();
      d.page.destroy();
      for (const w of d.watchers) w.page.destroy();
    }
    for (const v of engineerPages) v.destroy();
    await clients.closeAll();
    await stack.sql`update walk set status = 'abandoned' where account_id = ${account.id} and status = 'active'`;
    await stack.sql`update handoff set status = 'resolved', resolved_at = ${Date.now()} where account_id = ${account.id} and status = 'open'`;
  }
}
