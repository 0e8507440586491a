import {outboxFor} from '../support/outbox.ts';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Outbox} from '../../client/offline/outbox.ts';
import {mutators} from '../../mutators/index.ts';
import {queries} from '../../queries/index.ts';
import {chaosSize, recordChaos} from '../support/chaos-report.ts';
import {PART_FAULTS, SIGKILL_RESTART_LINE} from '../support/part-faults.ts';
import {signIn} from '../support/sign-in.ts';
import {startTestStack, type TestStack} from '../support/stack.ts';
import {eventually, zeroClient, type TandemZero} from '../support/zero-client.ts';

/**
 * Fault tests: the real stack (supervisor, API child process, zero-cache
 * child, embedded PostgreSQL), one Node client recording a walk of many
 * steps (l1) and another watching it live (senior). The recorder is Tandem's
 * client as the browser runs it: Zero plus the outbox (client/offline), which
 * keeps a change Zero would not take while a part was down (Zero refuses
 * writes in its `error` state, e.g. after a push the API could not receive)
 * and sends it, in order, when Zero takes changes again. Mid-walk, parts are
 * killed for real — zero-cache and the API with SIGKILL, brought back by the
 * supervisor; PostgreSQL stopped (fast shutdown: every connection cut) and
 * started again — while the recording goes on. After each fault every step
 * the client recorded is in Postgres exactly once and in order, the watcher
 * and the recorder see exactly those steps, and the same two Zero clients
 * carry on: nobody reconnects or reloads by hand.
 *
 * Short in `npm test` (each fault once, 60 steps); `npm run test:chaos`
 * runs 200 steps with each fault three times.
 */
const STEPS = chaosSize(60, 200);
const ROUNDS = chaosSize(1, 3);
/** Pause between two recorded steps: a brisk technician. */
const PACE_MS = 100;

/** The shared fault injections (test/support/part-faults.ts), named for where they strike. */
const FAULTS = PART_FAULTS.map(f => ({name: `${f.what} mid-walk`, inject: f.inject}));

/** A flow that loops (a → b → a …) so that a walk can be as long as we like. */
const LOOPING_FLOW = {
  start: 'a',
  nodes: [
    {
      id: 'a',
      kind: 'question' as const,
      text: 'Does the printer still jam?',
      options: [
        {id: 'jams', label: 'Yes, it still jams', next: 'b'},
        {id: 'fixed', label: 'No, it prints', next: 'done'},
      ],
    },
    {id: 'b', kind: 'instruction' as const, text: 'Open tray 2 and reseat the paper.', options: [{id: 'reseated', label: 'Reseated', next: 'a'}]},
    {id: 'done', kind: 'resolution' as const, text: 'Resolved: the printer prints.', options: []},
  ],
};

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('faults mid-walk', () => {
  let stack: TestStack;
  let recorder: TandemZero;
  let outbox: Outbox;
  let watcher: TandemZero;
  const walkId = crypto.randomUUID();
  /** The notes of the steps the recorder has recorded, in order. */
  const recorded: string[] = [];
  /** What the server answered for each step sent through Zero (null = applied or resent later). */
  const refusals: Promise<string | null>[] = [];
  const tally = new Map<string, {tried: number; passed: number; lost: number}>();
  let recorderView: {readonly data: unknown; destroy: () => void};
  let watcherView: {readonly data: unknown; destroy: () => void};

  beforeAll(async () => {
    stack = await startTestStack();
    const [l1, senior] = await Promise.all([signIn(stack.appUrl, 'l1@northwind.test'), signIn(stack.appUrl, 'senior@northwind.test')]);
    recorder = zeroClient(stack.zeroUrl, l1);
    watcher = zeroClient(stack.zeroUrl, senior);

    const flowId = crypto.randomUUID();
    // The engineer's client keeps the flow synced (publish checks it locally first).
    const flowView = watcher.materialize(queries.flow.byId({flowId}));
    const created = watcher.mutate(mutators.flow.create({flowId, title: 'Printer jams (looping)', definition: LOOPING_FLOW}));
    expect(await created.server).toEqual({type: 'success'});
    await eventually(() => flowView.data, Boolean, 30_000);
    expect(await watcher.mutate(mutators.flow.publish({flowId})).server).toEqual({type: 'success'});
    await eventually(
      () => (flowView.data as {status?: string} | undefined)?.status,
      s => s === 'published',
      30_000,
    );
    flowView.destroy();
    await recorder.run(queries.flow.byId({flowId}), {type: 'complete'});

    const intake = recorder.mutate(mutators.ticket.intake({ticketId: crypto.randomUUID(), walkId, problemStatement: 'Printer jams all day', flowId}));
    expect(await intake.server).toEqual({type: 'success'});
    outbox = outboxFor(recorder, stack.appUrl, l1);
    recorderView = recorder.materialize(queries.walk.byId({walkId}));
    watcherView = watcher.materialize(queries.walk.byId({walkId}));
    await eventually(() => watcherView.data, Boolean, 30_000);
    // The recorder's own copy too: its first step runs here first, against the walk it has.
    await eventually(() => recorderView.data, Boolean, 30_000);
  }, 300_000);

  afterAll(async () => {
    for (const [name, t] of tally) recordChaos({kind: 'fault', name, ...t});
    outbox?.close();
    recorderView?.destroy();
    watcherView?.destroy();
    await Promise.all([recorder?.close(), watcher?.close()]);
    await stack?.dispose();
  }, 120_000);

  /** Records the next step (the loop alternates a → b → a) through the outbox; does not wait for the server. */
  async function recordStep() {
    const n = recorded.length + 1;
    const atA = n % 2 === 1;
    const note = `step ${n}`;
    const sent = await outbox.send(mutators.walk.recordStep({walkId, nodeId: atA ? 'a' : 'b', optionId: atA ? 'jams' : 'reseated', note}));
    // Applied here and on its way ('sent'), or kept until Zero takes changes again ('kept'): recorded either way.
    expect(sent.status).not.toBe('refused');
    recorded.push(note);
    if (sent.status === 'sent') refusals.push(sent.server);
  }

  async function recordSteps(count: number) {
    for (let i = 0; i < count; i++) {
      await recordStep();
      await sleep(PACE_MS);
    }
  }

  const stepNotes = (view: {readonly data: unknown}) => ((view.data as {steps?: {note: string | null}[]} | undefined)?.steps ?? []).map(s => s.note);

  async function postgresSteps() {
    return stack.sql<{seq: number; note: string; node_id: string}[]>`
      select seq, note, node_id from walk_step where walk_id = ${walkId} order by seq`;
  }

  /** Steps recorded but missing, duplicated, or not recorded at all, in Postgres. */
  function lostSteps(rows: {seq: number; note: string}[]): number {
    const notes = rows.map(r => r.note);
    const missing = recorded.filter(n => !notes.includes(n)).length;
    const extra = notes.length - new Set(notes).size + notes.filter(n => !recorded.includes(n)).length;
    return missing + extra;
  }

  /** Waits until Postgres, the recorder and the watcher all hold exactly the recorded steps, in order. */
  async function converged(): Promise<{ok: boolean; lost: number}> {
    const expected = recorded.map((note, i) => ({seq: i + 1, note}));
    try {
      await eventually(
        async () => (await postgresSteps()).map(r => ({seq: r.seq, note: r.note})),
        rows => JSON.stringify(rows) === JSON.stringify(expected),
        180_000,
      );
      await eventually(
        () => stepNotes(watcherView),
        notes => JSON.stringify(notes) === JSON.stringify(recorded),
        120_000,
      );
      await eventually(
        () => stepNotes(recorderView),
        notes => JSON.stringify(notes) === JSON.stringify(recorded),
        120_000,
      );
      return {ok: true, lost: 0};
    } catch (error) {
      const rows = await postgresSteps().catch(() => []);
      console.error(`not converged after fault: ${error instanceof Error ? error.message : error}`);
      return {ok: false, lost: lostSteps(rows)};
    }
  }

  it(
    `records ${STEPS} steps through ${ROUNDS * FAULTS.length} faults, losing and doubling none`,
    async () => {
      const schedule = Array.from({length: ROUNDS}, () => FAULTS).flat();
      const perFault = Math.floor(STEPS / schedule.length);
      const third = Math.max(1, Math.floor(perFault / 3));

      for (const fault of schedule) {
        await recordSteps(third);
        // The recording goes on while the part is down and while it comes back.
        await fault.inject(stack, () => recordSteps(third));
        await recordSteps(perFault - 2 * third);
        const outcome = await converged();
        const t = tally.get(fault.name) ?? {tried: 0, passed: 0, lost: 0};
        tally.set(fault.name, {tried: t.tried + 1, passed: t.passed + (outcome.ok ? 1 : 0), lost: t.lost + outcome.lost});
        expect(outcome, `after "${fault.name}"`).toEqual({ok: true, lost: 0});
      }
      await recordSteps(STEPS - recorded.length);
      expect(await converged()).toEqual({ok: true, lost: 0});

      // Nothing waits in the outbox, and the server refused nothing.
      await eventually(
        () => outbox.entries(),
        entries => entries.length === 0,
        60_000,
      );
      expect((await Promise.all(refusals)).filter(Boolean)).toEqual([]);

      // The same client instances are still connected: nobody reloaded.
      expect(recorder.connection.state.current.name).toBe('connected');
      expect(watcher.connection.state.current.name).toBe('connected');
      expect(stack.logLines.filter(l => SIGKILL_RESTART_LINE.test(l)).length).toBeGreaterThanOrEqual(2 * ROUNDS);
    },
    chaosSize(10, 40) * 60_000,
  );
});
