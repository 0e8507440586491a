import {outboxFor} from '../support/outbox.ts';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {tcpProxy} from '../../bench/support/tcp-proxy.ts';
import type {Outbox} from '../../client/offline/outbox.ts';
import {connectionLook} from '../../client/shell/connection-look.ts';
import {mutators} from '../../mutators/index.ts';
import {queries} from '../../queries/index.ts';
import {chaosFull, recordChaos} from '../support/chaos-report.ts';
import {pushMutation} from '../support/push.ts';
import {signIn, type Session} from '../support/sign-in.ts';
import {startTestStack, type TestStack} from '../support/stack.ts';
import {eventually, zeroClient, type TandemZero} from '../support/zero-client.ts';

/**
 * Long outages, on the real stack with Tandem's client as the browser runs it
 * (Zero plus the outbox):
 *
 * 1. PostgreSQL down for a while (15 s in `npm test`; 2 minutes with
 *    `TANDEM_CHAOS_LONG=1` or in `npm run test:chaos`) while two L1s keep
 *    walking: the outbox holds their changes and the header's indicator says
 *    so (not "Online", changes waiting); after PostgreSQL is back every step
 *    of every walker lands exactly once, in order, both outboxes drain, and
 *    the server took one mutation per step (zero-cache's lastMutationID of
 *    the client): no copies of what Zero still held.
 *    (It once failed: requests the API could not answer while the database
 *    was away — a session look-up postgres.js forgot — stopped every later
 *    push of that client; see server/zero/zero-deadline.ts and
 *    server/db/reserve-deadline.ts.)
 * 2. An L1 away for a long time — the line dead past Zero's disconnect
 *    timeout (shortened through Zero's own `disconnectTimeoutMs`, which the
 *    app sets to 20 days), so Zero gives up and the outbox keeps what it
 *    refuses — while their walk is claimed by an engineer and resolved. Back
 *    online, every queued change is answered: the new call taken meanwhile
 *    lands, the changes to the resolved walk are refused with their reason
 *    and keep the typed text.
 *
 * Short, the file takes about a minute; `TANDEM_CHAOS_LONG=1 npx vitest run
 * test/chaos/long-outages.test.ts` runs the long outages (about 4 minutes).
 * The first once failed long: the outbox sent a copy of every waiting entry
 * at each failed reconnect, although Zero still held them and pushed them
 * again itself (mutation ids into the thousands, one OutOfOrderMutation).
 * Now an entry Zero holds is never sent again (client/offline/outbox.ts),
 * and the test checks that the server took exactly one mutation per step.
 */
const LONG = chaosFull || process.env.TANDEM_CHAOS_LONG === '1';
const OUTAGE_MS = LONG ? 120_000 : 15_000;
const AWAY_MS = LONG ? 60_000 : 8_000;
const PACE_MS = 400;

const LOOPING_FLOW = {
  start: 'a',
  nodes: [
    {
      id: 'a',
      kind: 'question' as const,
      text: 'Is the VPN still dropping?',
      options: [
        {id: 'drops', label: 'Yes, it drops', next: 'b'},
        {id: 'fine', label: 'No, it holds', next: 'done'},
      ],
    },
    {id: 'b', kind: 'instruction' as const, text: 'Reconnect the VPN client.', options: [{id: 'reconnected', label: 'Reconnected', next: 'a'}]},
    {id: 'done', kind: 'resolution' as const, text: 'Resolved: the VPN holds.', options: []},
  ],
};

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

type Walker = {session: Session; zero: TandemZero; outbox: Outbox; walkId: string; recorded: string[]};

describe('long outages', () => {
  let stack: TestStack;
  let senior: Session;
  const flowId = crypto.randomUUID();
  const closers: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    senior = await signIn(stack.appUrl, 'senior@northwind.test');
    const created = await pushMutation(stack.appUrl, {token: senior.token}, 'flow.create', {flowId, title: 'VPN drops (looping)', definition: LOOPING_FLOW});
    expect(created.result).toEqual({ok: true});
    expect((await pushMutation(stack.appUrl, {token: senior.token}, 'flow.publish', {flowId})).result).toEqual({ok: true});
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await stack?.dispose();
  }, 120_000);

  /** An L1's client on a walk of the looping flow, through `zeroUrl` (default: zero-cache itself). */
  async function startWalk(email: string, options: {zeroUrl?: string; disconnectTimeoutMs?: number} = {}): Promise<Walker> {
    const session = await signIn(stack.appUrl, email);
    const zero = zeroClient(options.zeroUrl ?? stack.zeroUrl, session, options);
    const outbox = outboxFor(zero, stack.appUrl, session);
    closers.push(async () => {
      outbox.close();
      await zero.close();
    });
    await zero.run(queries.flow.byId({flowId}), {type: 'complete'});
    const walkId = crypto.randomUUID();
    const intake = zero.mutate(mutators.ticket.intake({ticketId: crypto.randomUUID(), walkId, problemStatement: `VPN drops for ${email}`, flowId}));
    expect(await intake.server).toEqual({type: 'success'});
    const view = zero.materialize(queries.walk.byId({walkId}));
    closers.push(() => view.destroy());
    await eventually(() => view.data, Boolean, 30_000);
    return {session, zero, outbox, walkId, recorded: []};
  }

  async function recordStep(w: Walker) {
    const n = w.recorded.length + 1;
    const atA = n % 2 === 1;
    const note = `step ${n}`;
    const sent = await w.outbox.send(mutators.walk.recordStep({walkId: w.walkId, nodeId: atA ? 'a' : 'b', optionId: atA ? 'drops' : 'reconnected', note}));
    expect(sent.status).not.toBe('refused');
    w.recorded.push(note);
  }

  /** How many mutations of this Zero client the server has taken (its last mutation id, zero-cache's bookkeeping). */
  const mutationsTaken = async (zero: TandemZero) => {
    const [row] = await stack.sql<{last: string}[]>`select "lastMutationID" as last from zero_0.clients where "clientID" = ${zero.clientID}`;
    return Number(row?.last ?? 0);
  };

  const stepsInPostgres = async (walkId: string) =>
    (await stack.sql<{note: string}[]>`select note from walk_step where walk_id = ${walkId} order by seq`).map(r => r.note);

  it(`PostgreSQL down for ${OUTAGE_MS / 1000} s while two L1s keep walking: the outbox holds it all, then everything lands once, in order`, {
    timeout: OUTAGE_MS + 300_000,
  }, async () => {
    const walkers = await Promise.all(['l1@northwind.test', 'l1b@northwind.test'].map(email => startWalk(email)));
    const walkFor = async (ms: number) => {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        await Promise.all(walkers.map(recordStep));
        await sleep(PACE_MS);
      }
    };
    await walkFor(2_000);

    await stack.postgres!.stop();
    const downAt = Date.now();
    // What the header shows each walker while the database is away.
    const shown = new Map<string, Set<string>>();
    const watch = setInterval(() => {
      for (const w of walkers) {
        const waiting = w.outbox.entries().filter(e => e.state === 'pending').length;
        const label = `${connectionLook(w.zero.connection.state.current, true).label}${waiting > 0 ? ' + waiting' : ''}`;
        shown.set(w.walkId, (shown.get(w.walkId) ?? new Set()).add(label));
      }
    }, 250);
    try {
      await walkFor(OUTAGE_MS);
    } finally {
      clearInterval(watch);
      await stack.postgres!.start();
    }
    const outageMs = Date.now() - downAt;
    await walkFor(2_000);

    let lost = 0;
    let ok = true;
    try {
      for (const w of walkers) {
        await eventually(
          () => stepsInPostgres(w.walkId),
          notes => notes.length >= w.recorded.length,
          240_000,
        ).catch(() => undefined);
        const notes = await stepsInPostgres(w.walkId);
        if (notes.length < w.recorded.length) {
          console.error(
            `[long-outages] ${notes.length} of ${w.recorded.length} steps landed; ${w.outbox.entries().length} wait in the outbox; Zero is ${w.zero.connection.state.current.name}`,
          );
        }
        lost += w.recorded.filter(n => !notes.includes(n)).length + (notes.length - new Set(notes).size);
        expect(notes, 'every step once, in order').toEqual(w.recorded);
        // Each step was carried by one Zero mutation: the server took no copies
        // (the intake, sent through Zero directly, is the one more).
        expect(await mutationsTaken(w.zero), 'mutations the server took from this client').toBe(w.recorded.length + 1);
        await eventually(
          () => w.outbox.entries(),
          entries => entries.length === 0,
          120_000,
        );
        // The indicator told the walker: not "Online", and changes waiting.
        expect(
          [...(shown.get(w.walkId) ?? [])].some(l => l !== 'Online' && l.endsWith('+ waiting')),
          [...(shown.get(w.walkId) ?? [])].join(', '),
        ).toBe(true);
      }
      expect(outageMs).toBeGreaterThanOrEqual(OUTAGE_MS);
    } catch (error) {
      ok = false;
      throw error;
    } finally {
      recordChaos({kind: 'fault', name: `PostgreSQL down ${OUTAGE_MS / 1000} s while 2 L1s walk`, tried: 1, passed: ok ? 1 : 0, lost});
    }
  });

  it(`an L1 away past Zero's disconnect timeout while their walk is claimed and resolved: every queued change is answered, the refused ones keep their text`, {
    timeout: AWAY_MS + 240_000,
  }, async () => {
    const proxy = await tcpProxy(Number(new URL(stack.zeroUrl).port));
    closers.push(() => {
      proxy.cut();
      return proxy.close();
    });
    const l1 = await startWalk('l1@northwind.test', {zeroUrl: proxy.url, disconnectTimeoutMs: 2_000});
    await recordStep(l1);
    // Stuck: the L1 escalates, and an engineer claims it at once (the walk is the engineer's now;
    // the L1 who started it may still add to its task lane).
    const handoffId = crypto.randomUUID();
    const escalated = await l1.outbox.send(mutators.walk.escalate({walkId: l1.walkId, handoffId, reasonCategory: 'Out of L1 scope'}));
    expect(escalated.status).toBe('sent');
    await eventually(
      async () => (await stack.sql`select 1 from handoff where id = ${handoffId}`).length,
      n => n === 1,
      30_000,
    );
    expect((await pushMutation(stack.appUrl, {token: senior.token}, 'handoff.claim', {handoffId})).result).toEqual({ok: true});
    await eventually(
      () => l1.zero.run(queries.walk.byId({walkId: l1.walkId})),
      w => (w as {status?: string} | undefined)?.status === 'active',
      30_000,
    );

    // The line dies; Zero gives up on it after its (shortened) disconnect timeout.
    proxy.cut();
    await eventually(
      () => l1.zero.connection.state.current.name,
      name => name === 'disconnected',
      60_000,
    );
    const fact = 'The user says the VPN drops whenever the laptop docks; keep this for the engineer';
    const newCall = {ticketId: crypto.randomUUID(), walkId: crypto.randomUUID()};
    const queued = [
      await l1.outbox.send(mutators.taskLane.add({itemId: crypto.randomUUID(), walkId: l1.walkId, kind: 'fact', text: fact})),
      await l1.outbox.send(mutators.taskLane.add({itemId: crypto.randomUUID(), walkId: l1.walkId, kind: 'question', text: 'Does it drop on the office Wi-Fi too?'})),
      // The next call, taken while away.
      await l1.outbox.send(mutators.ticket.intake({...newCall, problemStatement: 'Printer offline in the branch', flowId})),
    ];
    expect(queued.map(q => q.status)).toEqual(['kept', 'kept', 'kept']);
    expect(connectionLook(l1.zero.connection.state.current, true).label).toBe('Offline');
    expect(l1.outbox.entries().filter(e => e.state === 'pending')).toHaveLength(3);

    // Meanwhile the engineer resolves the walk.
    const resolved = await pushMutation(stack.appUrl, {token: senior.token}, 'handoff.resolve', {handoffId, resolutionNotes: 'Replaced the dock firmware.'});
    expect(resolved.result).toEqual({ok: true});
    await sleep(AWAY_MS);

    // Back: every queued change is answered.
    proxy.restore();
    let ok = false;
    let lost = 0;
    try {
      const answered = await eventually(
        () => l1.outbox.entries(),
        entries => entries.every(e => e.state === 'refused'),
        120_000,
      );
      const refused = answered.map(e => ({name: e.name, text: e.text, code: e.refusal?.code}));
      expect(refused).toEqual([
        {name: 'taskLane.add', text: fact, code: 'invalid_state'},
        {name: 'taskLane.add', text: 'Does it drop on the office Wi-Fi too?', code: 'invalid_state'},
      ]);
      for (const e of answered) expect(e.refusal?.message).toMatch(/resolved/);
      // The new call landed once; nothing of the refused ones did.
      expect((await stack.sql`select 1 from ticket where id = ${newCall.ticketId}`).length).toBe(1);
      expect((await stack.sql`select 1 from task_lane_item where walk_id = ${l1.walkId}`).length).toBe(0);
      // One mutation per change: the intake, the step, the escalation and the three queued ones.
      expect(await mutationsTaken(l1.zero)).toBe(6);
      ok = true;
    } catch (error) {
      lost = (await stack.sql`select 1 from ticket where id = ${newCall.ticketId}`).length === 1 ? 0 : 1;
      throw error;
    } finally {
      recordChaos({kind: 'fault', name: 'L1 offline past the disconnect timeout, walk claimed and resolved meanwhile', tried: 1, passed: ok ? 1 : 0, lost});
    }
  });
});
