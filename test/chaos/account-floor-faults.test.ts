import {describe, expect, it} from 'vitest';
import {createBenchAccount, type BenchAccount, type BenchMember} from '../../bench/support/bench-account.ts';
import {loopStep} from '../../bench/support/bench-flow.ts';
import {clientSet, heartbeats, type TandemZero} from '../../bench/support/clients.ts';
import {insertActiveWalks} from '../../bench/support/fixtures.ts';
import type {LiveView} from '../../bench/support/live-view.ts';
import {openPage, pageShowsHandoff, pageShowsStep, type PageData} from '../../bench/support/pages.ts';
import {sessionPool} from '../../bench/support/sessions.ts';
import type {Outbox} from '../../client/offline/outbox.ts';
import {pageQueries} from '../../client/zero/page-queries.ts';
import {mutators} from '../../mutators/index.ts';
import {chaosSize, recordChaos} from '../support/chaos-report.ts';
import {outboxFor} from '../support/outbox.ts';
import {PART_FAULTS, SIGKILL_RESTART_LINE} from '../support/part-faults.ts';
import {recoveryMs, type PropagationSample} from '../support/propagation-recovery.ts';
import type {TestStack} from '../support/stack.ts';
import {stackSuite} from '../support/suites.ts';
import {eventually} from '../support/zero-client.ts';

/**
 * Faults during the account floor (issue #23, item 1). The benchmark's
 * realistic account (bench/scenarios/account-floor.ts: every L1 on the walker
 * page of the walk they drive, every engineer with Live walks and the queue
 * open, two engineers also on each walk's page; every client holding exactly
 * the queries its pages open, client/zero/page-queries.ts) works on the real
 * test stack while zero-cache and the API are killed with SIGKILL (the
 * supervisor brings them back) and PostgreSQL is restarted. Throughout, the
 * L1s send steps, task-lane items, notes, escalations and new calls, and the
 * two engineers watching an escalated walk both claim it as soon as its card
 * is on their queue — all through Tandem's outbox, as the browser does.
 *
 * Afterwards, from Postgres and from every open page: every step, lane
 * item, note, escalation and claim sent is there exactly once (lost 0,
 * duplicated 0), each walk's steps in the order sent, each handoff has
 * exactly one winner (one claim audit row, on nobody's queue, on the
 * winner's "mine" only). Per fault it records (never asserts) the time from
 * the part being back until propagation p99 — a step shown on both
 * watchers' walker pages — is under 1 s again (test/support/propagation-recovery.ts).
 *
 * Short (in `npm test`): 8 walks, each fault once. `npm run test:chaos`: 50
 * walks × 3 clients (the L1 and two watching engineers) with 15 engineers'
 * queues, each fault three times.
 */
const WALKS = chaosSize(8, 50);
const ENGINEERS = chaosSize(4, 15);
const ROUNDS = chaosSize(1, 3);
/** Each L1 sends a step this often (the benchmark's floor: 5 s). */
const STEP_EVERY_MS = chaosSize(1500, 5000);
/** One L1 of the floor escalates and takes the next call this often. */
const ESCALATE_EVERY_MS = chaosSize(4000, 10_000);
/** How long the floor runs before the first fault, and how long the part stays down (load going on). */
const WARM_MS = chaosSize(3000, 10_000);
const DOWN_MS = chaosSize(2000, 5000);
/** How long the floor runs after the part is back, watched for recovery, before the next fault. */
const WATCH_MS = chaosSize(9000, 30_000);
/** How long a watcher may take to show a change sent during a fault before it counts as lost. */
const SHOW_WITHIN_MS = 240_000;

/** Where each view sits in an open walker page / queue page (queriesOfPage: the shell's first). */
const WALKER_VIEWS = [...Object.keys(pageQueries.shell()), ...Object.keys(pageQueries.walker('x'))];
const QUEUE_VIEWS = [...Object.keys(pageQueries.shell()), ...Object.keys(pageQueries.queue())];

const sleep = (ms: number) => new Promise<void>(r => setTimeout(r, ms));

/** The part of the run a change was sent in: before the first fault (-1), or from fault `i`'s start to the next one's. */
type Phase = number;

type SentStep = {note: string; phase: Phase};
type SentLaneItem = {itemId: string; text: string; phase: Phase};
type SentClaim = {engineer: number; phase: Phase; answer: Promise<string | null> | 'kept' | {refused: string}};

/** One walk of the floor, from its first step to the escalation that ends it on the floor. */
type FloorWalk = {
  walkId: string;
  l1: number;
  steps: SentStep[];
  lane: SentLaneItem[];
  /** Every notes text sent, in order (the last is what must stay). */
  notes: {text: string; phase: Phase}[];
  escalation?: {handoffId: string; phase: Phase; claims: SentClaim[]};
  l1Page: LiveView<PageData>;
  watchers: {engineer: number; page: LiveView<PageData>}[];
};

type Desk = {member: BenchMember; zero: TandemZero; outbox: Outbox; walk: FloorWalk; escalateNext: boolean; stopBeats: () => void};

type Engineer = {member: BenchMember; zero: TandemZero; outbox: Outbox; queue: LiveView<PageData>; liveWalks: LiveView<PageData>};

/** What went wrong, per phase: counted into the fault whose phase it was. */
type Tally = {lost: number; duplicated: number; problems: string[]};

describe('faults during the account floor', () => {
  let stack: TestStack;
  stackSuite(s => {
    stack = s;
  });

  it(
    `${WALKS} walks keep every step, lane item, note, escalation and claim through ${ROUNDS * PART_FAULTS.length} faults`,
    async () => {
      // A fresh account per try: a retry counts only its own rows.
      const account: BenchAccount = await createBenchAccount(stack.sql, {
        slug: `floor-${crypto.randomUUID().slice(0, 8)}`,
        name: 'Floor under faults',
        engineers: ENGINEERS,
        l1s: WALKS,
      });
      const sessions = sessionPool(stack.appUrl);
      await sessions.all([...account.l1s, ...account.engineers]);
      const clients = clientSet(stack.zeroUrl);
      const outboxes: Outbox[] = [];
      const views: LiveView<PageData>[] = [];
      /** Every page opened, to destroy at the end. */
      const open = (view: LiveView<PageData>) => {
        views.push(view);
        return view;
      };
      const desks: Desk[] = [];
      const walks: FloorWalk[] = [];
      const samples: PropagationSample[] = [];
      const shown: Promise<void>[] = [];
      const phaseStarts: number[] = [];
      let phase: Phase = -1;
      let running = true;
      try {
        const engineers: Engineer[] = await Promise.all(
          account.engineers.map(async member => {
            const session = await sessions.get(member);
            const zero = clients.tandem(session);
            const outbox = outboxFor(zero, stack.appUrl, session);
            outboxes.push(outbox);
            return {member, zero, outbox, queue: open(openPage(zero, 'queue')), liveWalks: open(openPage(zero, 'liveWalks'))};
          }),
        );
        const watchersOf = (l1: number) => [0, 1].map(j => (l1 * 2 + j) % engineers.length);
        const newWalk = (walkId: string, l1: number, zero: TandemZero): FloorWalk => {
          const walk: FloorWalk = {
            walkId,
            l1,
            steps: [],
            lane: [],
            notes: [],
            l1Page: open(openPage(zero, 'walker', walkId)),
            watchers: watchersOf(l1).map(engineer => ({engineer, page: open(openPage(engineers[engineer].zero, 'walker', walkId))})),
          };
          walks.push(walk);
          return walk;
        };
        const fixtures = await insertActiveWalks(stack.sql, account, account.l1s, 'Floor walk');
        for (const [l1, fixture] of fixtures.entries()) {
          const session = await sessions.get(fixture.driver);
          const zero = clients.tandem(session);
          const outbox = outboxFor(zero, stack.appUrl, session);
          outboxes.push(outbox);
          desks.push({member: fixture.driver, zero, outbox, walk: newWalk(fixture.walkId, l1, zero), escalateNext: false, stopBeats: () => {}});
        }
        for (let i = 0; i < views.length; i += 30) await Promise.all(views.slice(i, i + 30).map(v => v.complete(180_000)));
        const beat = (d: Desk) => {
          d.stopBeats = heartbeats(stack.appUrl, [
            {zero: d.zero, walkId: d.walk.walkId},
            ...d.walk.watchers.map(w => ({zero: engineers[w.engineer].zero, walkId: d.walk.walkId})),
          ]);
        };
        desks.forEach(beat);

        /** A change the L1 sends; a refusal (here, now) is a change the floor lost. */
        const refusedHere: string[] = [];
        const serverRefusals: Promise<string | null>[] = [];
        const send = async (d: Desk, request: Parameters<Outbox['send']>[0], what: string) => {
          const sent = await d.outbox.send(request);
          if (sent.status === 'refused') refusedHere.push(`${what}: ${sent.error}`);
          if (sent.status === 'sent') serverRefusals.push(sent.server.then(r => (r ? `${what}: ${r}` : null)));
          return sent.status !== 'refused';
        };

        const step = async (d: Desk) => {
          const walk = d.walk;
          const seq = walk.steps.length + 1;
          const note = `${walk.walkId.slice(0, 8)} step ${seq}`;
          const t0 = performance.now();
          if (!(await send(d, mutators.walk.recordStep({walkId: walk.walkId, ...loopStep(seq), note}), note))) return;
          // No watcher shows it before the server has it: waiting starts once it is sent, timed from before.
          const seen = walk.watchers.map(w => w.page.when(p => pageShowsStep(p, seq), SHOW_WITHIN_MS, `step ${seq}`));
          walk.steps.push({note, phase});
          const sample: PropagationSample = {sentAt: t0, ms: null};
          samples.push(sample);
          shown.push(
            Promise.all(seen).then(
              times => void (sample.ms = Math.max(...times) - t0),
              () => {},
            ),
          );
          // Every few steps the L1 adds to the task lane or writes to the notes.
          if (seq % 4 === 0) {
            const itemId = crypto.randomUUID();
            const text = `Check ${seq}: the laptop is on the office network`;
            if (await send(d, mutators.taskLane.add({itemId, walkId: walk.walkId, kind: 'check', text}), `lane item ${seq}`)) walk.lane.push({itemId, text, phase});
          }
          if (seq % 3 === 0) {
            const text = walk.steps.map(s => s.note).join('\n');
            if (await send(d, mutators.walk.updateNotes({walkId: walk.walkId, notes: text}), `notes ${seq}`)) walk.notes.push({text, phase});
          }
        };

        /**
         * Both watching engineers pick the handoff up as soon as they see it:
         * on their queue, or on the walk's page they are watching (once one
         * has claimed it, it is on nobody else's queue).
         */
        const claimWhenShown = (handoffId: string, walk: FloorWalk, claims: SentClaim[]) => {
          for (const {engineer, page} of walk.watchers) {
            const e = engineers[engineer];
            const seen = [e.queue, page].map(v => v.when(p => pageShowsHandoff(p, handoffId), SHOW_WITHIN_MS, `handoff ${handoffId}`));
            const first = new Promise<void>(resolve => {
              for (const s of seen)
                s.then(
                  () => resolve(),
                  () => {},
                );
              void Promise.allSettled(seen).then(() => resolve());
            });
            shown.push(
              first.then(async () => {
                const claimPhase = phase;
                const sent = await e.outbox.send(mutators.handoff.claim({handoffId}));
                claims.push({engineer, phase: claimPhase, answer: sent.status === 'sent' ? sent.server : sent.status === 'kept' ? 'kept' : {refused: sent.error}});
              }),
            );
          }
        };

        /** The L1 escalates the walk they drive and takes the next call; the watchers follow to the new walk. */
        const escalateAndTakeNextCall = async (d: Desk) => {
          d.escalateNext = false;
          const walk = d.walk;
          const handoffId = crypto.randomUUID();
          const escalationPhase = phase;
          const escalated = await send(
            d,
            mutators.walk.escalate({walkId: walk.walkId, handoffId, reasonCategory: 'Out of L1 scope', details: `Floor escalation of ${walk.walkId.slice(0, 8)}`}),
            'escalation',
          );
          if (escalated) {
            walk.escalation = {handoffId, phase: escalationPhase, claims: []};
            claimWhenShown(handoffId, walk, walk.escalation.claims);
          }
          d.stopBeats();
          const walkId = crypto.randomUUID();
          const intake = mutators.ticket.intake({
            ticketId: crypto.randomUUID(),
            walkId,
            problemStatement: `Floor call: cannot sign in after a restart (${walkId.slice(0, 8)})`,
            customerName: 'Caller',
            flowId: account.flowId,
          });
          if (!(await send(d, intake, 'new call'))) return;
          // The old walk's pages stay open: at the end they must show every step sent to it.
          d.walk = newWalk(walkId, walk.l1, d.zero);
          beat(d);
        };

        const deskLoops = desks.map(async d => {
          await sleep(Math.random() * STEP_EVERY_MS);
          while (running) {
            const next = performance.now() + STEP_EVERY_MS;
            if (d.escalateNext) await escalateAndTakeNextCall(d);
            else await step(d);
            await sleep(Math.max(0, next - performance.now()));
          }
        });
        const escalations = (async () => {
          for (let i = 0; running; i++) {
            await sleep(ESCALATE_EVERY_MS);
            if (running) desks[i % desks.length].escalateNext = true;
          }
        })();

        // The floor works; then each fault in turn while it goes on.
        await sleep(WARM_MS);
        const schedule = Array.from({length: ROUNDS}, () => PART_FAULTS).flat();
        const backAt: number[] = [];
        for (const [i, fault] of schedule.entries()) {
          phase = i;
          phaseStarts.push(performance.now());
          await fault.inject(stack, () => sleep(DOWN_MS));
          backAt.push(performance.now());
          await sleep(WATCH_MS);
        }
        const endAt = performance.now();
        running = false;
        await Promise.all([...deskLoops, escalations]);
        for (const d of desks) d.stopBeats();

        // Every step shown (or given up on), every claim sent; then every outbox drains: each change answered.
        await Promise.all(shown);
        await eventually(
          () => outboxes.map(o => o.entries().filter(e => e.state === 'pending').length),
          pending => pending.every(n => n === 0),
          SHOW_WITHIN_MS,
        );
        const settledAt = performance.now();

        // What each phase lost or doubled, from Postgres and from the open pages.
        const tallies: Tally[] = schedule.map(() => ({lost: 0, duplicated: 0, problems: []}));
        const before: Tally = {lost: 0, duplicated: 0, problems: []};
        const tallyOf = (p: Phase) => (p < 0 ? before : tallies[p]);
        const lose = (p: Phase, what: string) => {
          tallyOf(p).lost++;
          tallyOf(p).problems.push(`lost: ${what}`);
        };
        const double = (p: Phase, what: string) => {
          tallyOf(p).duplicated++;
          tallyOf(p).problems.push(`duplicated: ${what}`);
        };

        const stepRows = await stack.sql<{walk_id: string; seq: number; note: string | null}[]>`
          select walk_id, seq, note from walk_step where account_id = ${account.id} order by walk_id, seq`;
        const laneRows = await stack.sql<{id: string; walk_id: string; text: string}[]>`
          select id, walk_id, text from task_lane_item where account_id = ${account.id}`;
        const walkRows = await stack.sql<{id: string; notes: string | null}[]>`select id, notes from walk where account_id = ${account.id}`;
        const handoffRows = await stack.sql<{id: string; walk_id: string; status: string; claimed_by: string | null}[]>`
          select id, walk_id, status, claimed_by from handoff where account_id = ${account.id}`;
        const claimAudits = await stack.sql<{subject_id: string; actor_user_id: string}[]>`
          select subject_id, actor_user_id from audit_log where account_id = ${account.id} and action = 'handoff.claim'`;

        /** Compares what was sent with what is there: missing ones lost, extra copies doubled, out of order counted lost. */
        const compareSteps = (walk: FloorWalk, there: (string | null)[], where: string) => {
          const sent = walk.steps.map(s => s.note);
          for (const s of walk.steps) {
            const copies = there.filter(n => n === s.note).length;
            if (copies === 0) lose(s.phase, `${s.note} (${where})`);
            if (copies > 1) double(s.phase, `${s.note} ×${copies} (${where})`);
          }
          const inOrder = there.filter(n => n !== null && sent.includes(n));
          const expected = sent.filter(n => inOrder.includes(n));
          if (JSON.stringify([...new Set(inOrder)]) !== JSON.stringify(expected)) lose(walk.steps[0]?.phase ?? -1, `order of ${walk.walkId} (${where})`);
          for (const n of there) if (n === null || !sent.includes(n)) double(phase, `step "${n}" nobody sent (${where})`);
        };
        const compareLane = (walk: FloorWalk, there: {id: string; text: string}[], where: string) => {
          for (const item of walk.lane) {
            const copies = there.filter(r => r.id === item.itemId).length;
            if (copies === 0) lose(item.phase, `lane item ${item.itemId} (${where})`);
            if (there.filter(r => r.text === item.text).length > 1) double(item.phase, `lane item "${item.text}" (${where})`);
          }
          for (const r of there) if (!walk.lane.some(i => i.itemId === r.id)) double(phase, `lane item ${r.id} nobody sent (${where})`);
        };
        const compareNotes = (walk: FloorWalk, there: string | null | undefined, where: string) => {
          const last = walk.notes.at(-1);
          if (last && there !== last.text) lose(last.phase, `notes of ${walk.walkId} (${where}): ${JSON.stringify(there)?.slice(0, 80)}`);
        };

        for (const walk of walks) {
          const mine = stepRows.filter(r => r.walk_id === walk.walkId);
          compareSteps(
            walk,
            mine.map(r => r.note),
            'Postgres',
          );
          compareLane(
            walk,
            laneRows.filter(r => r.walk_id === walk.walkId),
            'Postgres',
          );
          compareNotes(walk, walkRows.find(r => r.id === walk.walkId)?.notes, 'Postgres');
          // Every open page of the walk shows the same, once the last change has arrived.
          for (const [who, page] of [['L1', walk.l1Page] as const, ...walk.watchers.map(w => [`engineer ${w.engineer}`, w.page] as const)]) {
            const where = `${who}'s walker page`;
            const view = () => page.data ?? [];
            const stepsOf = () => ((view()[WALKER_VIEWS.indexOf('steps')] ?? []) as {note: string | null}[]).map(s => s.note);
            const laneOf = () => (view()[WALKER_VIEWS.indexOf('lane')] ?? []) as {id: string; text: string}[];
            const notesOf = () => (view()[WALKER_VIEWS.indexOf('header')] as {notes?: string | null} | undefined)?.notes;
            await eventually(
              () => [stepsOf().length, laneOf().length, notesOf()],
              ([s, l, n]) => s === mine.length && l === walk.lane.length && (walk.notes.length === 0 || n === walk.notes.at(-1)!.text),
              60_000,
            ).catch(() => {});
            compareSteps(walk, stepsOf(), where);
            compareLane(walk, laneOf(), where);
            compareNotes(walk, notesOf(), where);
          }
          // The escalation is in the queue once, and exactly one of its two claims won.
          const esc = walk.escalation;
          if (!esc) continue;
          const rows = handoffRows.filter(h => h.id === esc.handoffId);
          if (rows.length !== 1) {
            lose(esc.phase, `escalation ${esc.handoffId}: ${rows.length} rows`);
            continue;
          }
          const [handoff] = rows;
          const claimers = new Set(walk.watchers.map(w => engineers[w.engineer].member.id));
          const audits = claimAudits.filter(a => a.subject_id === esc.handoffId);
          const claimPhase = esc.claims[0]?.phase ?? esc.phase;
          if (esc.claims.length !== walk.watchers.length) lose(claimPhase, `claims of ${esc.handoffId}: ${esc.claims.length} sent (card not shown?)`);
          if (handoff.status !== 'claimed' || !handoff.claimed_by || !claimers.has(handoff.claimed_by)) {
            lose(claimPhase, `claim of ${esc.handoffId}: ${handoff.status} by ${handoff.claimed_by}`);
          }
          if (audits.length === 0) lose(claimPhase, `claim of ${esc.handoffId}: no audit row`);
          if (audits.length > 1) double(claimPhase, `claim of ${esc.handoffId}: ${audits.length} winners`);
          if (audits.length === 1 && audits[0].actor_user_id !== handoff.claimed_by) lose(claimPhase, `claim of ${esc.handoffId}: audit names another winner`);
          // A loser hears why (an answer may also be lost on the way: then the outbox asked, and Postgres above decides).
          const answers = await Promise.all(esc.claims.map(async c => (c.answer === 'kept' ? null : 'refused' in c.answer ? c.answer.refused : await c.answer)));
          const refusals = answers.filter((a): a is string => a !== null);
          if (refusals.length > walk.watchers.length - 1 || refusals.some(a => !/already claimed/i.test(a))) {
            lose(claimPhase, `claims of ${esc.handoffId} answered ${JSON.stringify(refusals)}`);
          }
          // Every queue watcher sees one winner: on the winner's "mine", on nobody's queue.
          for (const [k, e] of engineers.entries()) {
            const winner = e.member.id === handoff.claimed_by;
            const shows = () => (e.queue.data ? pageShowsHandoff(e.queue.data, esc.handoffId) : false);
            await eventually(shows, s => s === winner, 60_000).catch(() => {});
            const onQueue = ((e.queue.data?.[QUEUE_VIEWS.indexOf('handoffs')] ?? []) as {id: string}[]).some(h => h.id === esc.handoffId);
            if (shows() !== winner || onQueue)
              lose(claimPhase, `engineer ${k}'s queue shows ${esc.handoffId} ${onQueue ? 'open' : winner ? 'not as theirs' : 'as theirs'}`);
          }
        }

        // Nothing the L1s sent was refused, here or by the server; nothing is left in an outbox but lost claims.
        const refusedByServer = (await Promise.all(serverRefusals)).filter(Boolean);
        const leftRefused = outboxes.flatMap(o =>
          o
            .entries()
            .filter(e => e.state === 'refused' && e.name !== 'handoff.claim')
            .map(e => `${e.name}: ${e.refusal?.message}`),
        );

        for (const [i, fault] of schedule.entries()) {
          const t = tallies[i];
          const recovery = recoveryMs(samples, backAt[i], i + 1 < schedule.length ? phaseStarts[i + 1] : endAt);
          recordChaos({
            kind: 'fault',
            name: `${fault.what} during the account floor (${WALKS} walks)`,
            tried: 1,
            passed: t.lost === 0 && t.duplicated === 0 ? 1 : 0,
            lost: t.lost,
            duplicated: t.duplicated,
            recoveryMs: [recovery === null ? null : Math.round(recovery)],
          });
          const buckets = Array.from({length: 6}, (_, b) => {
            const from = backAt[i] - 3000 + b * 3000;
            const win = samples.filter(x => x.sentAt >= from && x.sentAt < from + 3000);
            const ms = win.map(x => x.ms ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b);
            return `${(b - 1) * 3}s:${win.length}/${Math.round(ms[Math.ceil(ms.length * 0.99) - 1] ?? 0)}`;
          });
          console.log(
            `${fault.what}: down ${Math.round(backAt[i] - phaseStarts[i])} ms; sends/p99 by 3 s from back: ${buckets.join(' ')}; lost ${t.lost}, duplicated ${t.duplicated}, propagation p99 under 1 s ${recovery === null ? 'not within the watch' : `${(recovery / 1000).toFixed(1)} s after the part was back`}`,
          );
        }
        const stepsSent = walks.reduce((n, w) => n + w.steps.length, 0);
        const laneSent = walks.reduce((n, w) => n + w.lane.length, 0);
        const notesSent = walks.reduce((n, w) => n + w.notes.length, 0);
        const escalated = walks.filter(w => w.escalation).length;
        console.log(
          `floor: settled ${Math.round((settledAt - endAt) / 1000)} s after the load stopped, checked in ${Math.round((performance.now() - settledAt) / 1000)} s`,
        );
        console.log(`floor: ${stepsSent} steps, ${laneSent} lane items, ${notesSent} notes, ${escalated} escalations (2 claims each), ${clients.count()} clients`);

        expect({refusedHere, refusedByServer, leftRefused}).toEqual({refusedHere: [], refusedByServer: [], leftRefused: []});
        expect(before.problems, 'before the first fault').toEqual([]);
        for (const [i, fault] of schedule.entries()) expect(tallies[i].problems, `during and after "${fault.what}" (#${i + 1})`).toEqual([]);
        // The floor did what it says: many of each, every escalation claimed.
        expect(stepsSent).toBeGreaterThan(WALKS * 5);
        expect(laneSent).toBeGreaterThan(0);
        expect(notesSent).toBeGreaterThan(0);
        expect(escalated).toBeGreaterThanOrEqual(schedule.length);
        expect(stack.logLines.filter(l => SIGKILL_RESTART_LINE.test(l)).length).toBeGreaterThanOrEqual(2 * ROUNDS);
      } finally {
        running = false;
        for (const d of desks) d.stopBeats();
        for (const o of outboxes) o.close();
        for (const v of views) v.destroy();
        await clients.closeAll();
      }
    },
    chaosSize(8, 40) * 60_000,
  );
});
