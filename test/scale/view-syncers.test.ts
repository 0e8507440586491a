import {outboxFor} from '../support/outbox.ts';
import {readFileSync} from 'node:fs';
import {hashPassword} from 'better-auth/crypto';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {mutators} from '../../mutators/index.ts';
import {queries} from '../../queries/index.ts';
import {NORTHWIND} from '../../server/seed/demo-people.ts';
import {preferenceOrder} from '../../server/zero-cache/placement.ts';
import type {ZeroCacheHandle} from '../../server/zero-cache/zero-cache-process.ts';
import {changeStreamerPort} from '../../server/zero-cache/zero-parts.ts';
import {signIn, type Session} from '../support/sign-in.ts';
import {startTestStack, type TestStack} from '../support/stack.ts';
import {eventually, zeroClient, type TandemZero} from '../support/zero-client.ts';

/**
 * Tandem on Zero's multi-node shape (TANDEM_VIEW_SYNCERS=2): the real stack
 * with one replication manager and two view syncers, each a supervised
 * zero-cache child, and real Zero clients placed on one syncer or the other.
 * People on different syncers see each other's work live; a claim race
 * across syncers has one winner; a SIGKILLed view syncer comes back and its
 * clients carry on without losing or doubling a step; a restarted
 * replication manager lets both syncers catch up.
 *
 * Short in `npm test`; `npm run test:scale` (TANDEM_SCALE=full) runs bigger
 * walks, more racers and every fault three times.
 */
const FULL = process.env.TANDEM_SCALE === 'full';
const size = (short: number, full: number) => (FULL ? full : short);
const RACERS = size(6, 20);
const RACES = size(3, 25);
const STEPS_PER_FAULT = size(12, 60);
const ROUNDS = size(1, 3);
const PACE_MS = 100;
/** A walk through faults: the recording, each fault's restart, and convergence. */
const WALK_TIMEOUT_MS = size(6, 25) * 60_000;
const RACER_PASSWORD = 'scale-racer-pw';

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

/** Local addresses (hex, as /proc/net/tcp{,6} has them) of the sockets listening on `port`. */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap(file =>
    readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map(line => line.trim().split(/\s+/))
      // local_address is field 1 (ADDR:PORT); state 0A = LISTEN.
      .filter(f => f.length > 3 && f[3] === '0A' && f[1].endsWith(`:${hexPort}`))
      .map(f => f[1].split(':')[0]),
  );
}

type WalkView = {
  steps?: {note: string | null}[];
  lane?: {id: string; text: string}[];
  status?: string;
};

describe('two view syncers behind one replication manager', () => {
  let stack: TestStack;
  let one: ZeroCacheHandle;
  let two: ZeroCacheHandle;
  const sessions = new Map<string, Session>();
  const sessionOf = new WeakMap<TandemZero, Session>();
  const clients: TandemZero[] = [];
  let flowId: string;

  const session = async (email: string, password?: string) => {
    let s = sessions.get(email);
    if (!s) sessions.set(email, (s = await signIn(stack.appUrl, email, password)));
    return s;
  };
  /** A Tandem Node client on the given view syncer. */
  const clientOn = async (syncer: ZeroCacheHandle, email: string, password?: string) => {
    const signedIn = await session(email, password);
    const zero = zeroClient(syncer.url, signedIn);
    sessionOf.set(zero, signedIn);
    clients.push(zero);
    return zero;
  };
  const health = async () => {
    const res = await fetch(`${stack.appUrl}/api/health`);
    return {status: res.status, body: (await res.json()) as {failing: string[]; parts: Record<string, {ok: boolean}>}};
  };

  beforeAll(async () => {
    stack = await startTestStack({viewSyncers: 2});
    [one, two] = stack.viewSyncers;
    // An engineer's client publishes the looping flow every walk below uses.
    const senior = await clientOn(two, 'senior@northwind.test');
    flowId = crypto.randomUUID();
    expect(await senior.mutate(mutators.flow.create({flowId, title: 'Printer jams (looping)', definition: LOOPING_FLOW})).server).toEqual({
      type: 'success',
    });
    const flowView = senior.materialize(queries.flow.byId({flowId}));
    await eventually(() => flowView.data, Boolean, 60_000);
    expect(await senior.mutate(mutators.flow.publish({flowId})).server).toEqual({type: 'success'});
    flowView.destroy();
  }, 300_000);

  afterAll(async () => {
    await Promise.all(clients.map(c => c.close()));
    await stack?.dispose();
  }, 120_000);

  /**
   * Starts a walk on the looping flow, driven by `l1`, whose client keeps it
   * open as the walker page does (a client mutator finds only synced rows).
   */
  async function startWalk(l1: TandemZero) {
    await l1.run(queries.flow.byId({flowId}), {type: 'complete'});
    const walkId = crypto.randomUUID();
    const intake = l1.mutate(mutators.ticket.intake({ticketId: crypto.randomUUID(), walkId, problemStatement: 'Printer jams all day', flowId}));
    expect(await intake.server).toEqual({type: 'success'});
    const view = l1.materialize(queries.walk.byId({walkId}));
    await eventually(() => view.data, Boolean, 30_000);
    return {walkId, view};
  }

  it('health names the replication manager and both view syncers; the change streamer answers on loopback only', async () => {
    const {status, body} = await health();
    expect(status).toBe(200);
    expect(body.failing).toEqual([]);
    expect(Object.keys(body.parts).sort()).toEqual(['replication-manager', 'view-syncer-1', 'view-syncer-2']);
    expect(Object.values(body.parts).every(p => p.ok)).toBe(true);
    expect(stack.zeroUrl).toBe(one.url);
    // The change streamer (every tenant's rows) listens on loopback only: 127.0.0.1 = 0100007F.
    expect(listeningAddresses(changeStreamerPort(stack.config))).toEqual(['0100007F']);
    // The view syncers serve clients on every interface, as a single zero-cache does.
    expect(listeningAddresses(stack.config.zeroPort).length).toBeGreaterThan(0);
  });

  it('each person is placed on one view syncer, the same every time, and the demo people use both', async () => {
    const emails = ['owner@northwind.test', 'senior@northwind.test', 'cover@northwind.test', 'l1@northwind.test', 'l1b@northwind.test', 'viewer@northwind.test'];
    const ports = [stack.config.zeroPort, stack.config.zeroPort + 3];
    const placedOn = new Set<string>();
    for (const email of emails) {
      const s = await session(email);
      const urls = new Set<string>();
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${stack.appUrl}/api/session`, {headers: {authorization: `Bearer ${s.token}`}});
        urls.add(((await res.json()) as {zeroUrl: string}).zeroUrl);
      }
      expect(urls.size, email).toBe(1);
      const [url] = urls;
      expect(url).toBe(`http://localhost:${ports[preferenceOrder(s.context.userId, 2)[0]]}`);
      placedOn.add(url);
    }
    expect(placedOn.size).toBe(2);
    // The page may reach either syncer (CSP connect-src).
    const csp = (await fetch(`${stack.appUrl}/api/session`)).headers.get('content-security-policy') ?? '';
    for (const port of ports) expect(csp).toContain(`ws://localhost:${port}`);
  });

  it('an L1 on one syncer and an engineer on the other see each other’s steps and lane items live', async () => {
    const l1 = await clientOn(one, 'l1@northwind.test');
    const senior = await clientOn(two, 'senior@northwind.test');
    const {walkId, view: l1View} = await startWalk(l1);
    const seniorView = senior.materialize(queries.walk.byId({walkId}));
    const data = (v: {readonly data: unknown}) => v.data as WalkView | undefined;
    await eventually(() => data(seniorView), Boolean, 30_000);

    expect(await l1.mutate(mutators.walk.recordStep({walkId, nodeId: 'a', optionId: 'jams', note: 'still jams'})).server).toEqual({type: 'success'});
    await eventually(
      () => data(seniorView)?.steps?.map(s => s.note),
      notes => notes?.join() === 'still jams',
      30_000,
    );

    const fromSenior = crypto.randomUUID();
    expect(await senior.mutate(mutators.taskLane.add({itemId: fromSenior, walkId, kind: 'question', text: 'Which tray?'})).server).toEqual({
      type: 'success',
    });
    await eventually(
      () => data(l1View)?.lane?.map(i => i.id),
      ids => ids?.includes(fromSenior) ?? false,
      30_000,
    );
    const fromL1 = crypto.randomUUID();
    expect(await l1.mutate(mutators.taskLane.add({itemId: fromL1, walkId, kind: 'fact', text: 'Tray 2, A4'})).server).toEqual({type: 'success'});
    await eventually(
      () => data(seniorView)?.lane?.map(i => i.id),
      ids => ids?.join() === [fromSenior, fromL1].join(),
      30_000,
    );
    l1View.destroy();
    seniorView.destroy();
  });

  it('an escalation reaches engineers on both syncers', async () => {
    const l1 = await clientOn(one, 'l1b@northwind.test');
    const engineers = [await clientOn(one, 'cover@northwind.test'), await clientOn(two, 'senior@northwind.test')];
    const queues = engineers.map(e => e.materialize(queries.handoff.queue()));
    const {walkId, view} = await startWalk(l1);
    const handoffId = crypto.randomUUID();
    expect(await l1.mutate(mutators.walk.escalate({walkId, handoffId, reasonCategory: 'Other', details: 'Needs a new fuser'})).server).toEqual({
      type: 'success',
    });
    view.destroy();
    for (const queue of queues) {
      await eventually(
        () => (queue.data as {id: string}[]).map(h => h.id),
        ids => ids.includes(handoffId),
        30_000,
      );
      queue.destroy();
    }
  });

  it(
    `a claim race with ${RACERS} claimers on both syncers has exactly one winner, ${RACES} times`,
    async () => {
      const {sql} = stack;
      await sql`update account set engineer_seat_limit = null where id = ${NORTHWIND.id}`;
      const hash = await hashPassword(RACER_PASSWORD);
      const racers: {zero: TandemZero; userId: string}[] = [];
      for (let i = 0; i < RACERS; i++) {
        const id = crypto.randomUUID();
        const email = `scale-racer${i}@northwind.test`;
        await sql`insert into auth."user" (id, name, email, "emailVerified") values (${id}, ${`Racer ${i}`}, ${email}, true)`;
        await sql`insert into auth."account" (id, "accountId", "providerId", "userId", password) values (${crypto.randomUUID()}, ${id}, 'credential', ${id}, ${hash})`;
        await sql`insert into member (id, account_id, email, name, role, created_at) values (${id}, ${NORTHWIND.id}, ${email}, ${`Racer ${i}`}, 'engineer', ${Date.now()})`;
        racers.push({zero: await clientOn(i % 2 === 0 ? one : two, email, RACER_PASSWORD), userId: id});
      }
      const l1 = await clientOn(one, 'l1@northwind.test');
      for (let race = 0; race < RACES; race++) {
        const {walkId, view} = await startWalk(l1);
        const handoffId = crypto.randomUUID();
        expect(await l1.mutate(mutators.walk.escalate({walkId, handoffId, reasonCategory: 'Other'})).server).toEqual({type: 'success'});
        view.destroy();
        const results = await Promise.all(racers.map(async r => ({r, result: await r.zero.mutate(mutators.handoff.claim({handoffId})).server})));
        const winners = results.filter(x => x.result.type === 'success');
        expect(winners).toHaveLength(1);
        for (const {r, result} of results) {
          if (r === winners[0].r) continue;
          expect(result.type === 'error' && result.error.type === 'app' && result.error.details).toMatchObject({
            code: 'already_claimed',
            claimed_by: winners[0].r.userId,
          });
        }
        const [{claimed_by}] = await sql<{claimed_by: string}[]>`select claimed_by from handoff where id = ${handoffId}`;
        expect(claimed_by).toBe(winners[0].r.userId);
      }
    },
    size(180_000, 900_000),
  );

  /**
   * A walk recorded by an L1 on view syncer 1 (Zero plus the outbox, as in
   * the browser) and watched by an engineer on each syncer, while `fault`
   * strikes mid-walk; then resolved. Postgres holds every recorded step once
   * and in order, every client sees exactly those, the walk is resolved
   * exactly once, and the same clients are connected again.
   */
  async function walkThrough(fault: {name: string; inject: (recordDuring: () => Promise<void>) => Promise<void>}) {
    const l1 = await clientOn(one, 'l1@northwind.test');
    const watchers = [await clientOn(one, 'cover@northwind.test'), await clientOn(two, 'senior@northwind.test')];
    const {walkId, view: own} = await startWalk(l1);
    const outbox = outboxFor(l1, stack.appUrl, sessionOf.get(l1)!);
    const views = [own, ...watchers.map(z => z.materialize(queries.walk.byId({walkId})))];
    const notes = (v: {readonly data: unknown}) => ((v.data as WalkView | undefined)?.steps ?? []).map(s => s.note);
    for (const v of views) await eventually(() => v.data, Boolean, 30_000);

    const recorded: string[] = [];
    const record = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const n = recorded.length + 1;
        const atA = n % 2 === 1;
        const note = `${fault.name} step ${n}`;
        const sent = await outbox.send(mutators.walk.recordStep({walkId, nodeId: atA ? 'a' : 'b', optionId: atA ? 'jams' : 'reseated', note}));
        expect(sent.status).not.toBe('refused');
        recorded.push(note);
        await sleep(PACE_MS);
      }
    };

    const third = Math.max(1, Math.floor(STEPS_PER_FAULT / 3));
    for (let round = 0; round < ROUNDS; round++) {
      await record(third);
      await fault.inject(() => record(third));
      await record(STEPS_PER_FAULT - 2 * third);
    }
    // The walk ends, resolved through the outbox too.
    expect((await outbox.send(mutators.walk.resolve({walkId, helpful: true, resolutionNotes: 'Reseated tray 2'}))).status).not.toBe('refused');

    const expected = recorded.map((note, i) => ({seq: i + 1, note}));
    await eventually(
      async () =>
        (await stack.sql<{seq: number; note: string}[]>`select seq, note from walk_step where walk_id = ${walkId} order by seq`).map(r => ({
          seq: r.seq,
          note: r.note,
        })),
      rows => JSON.stringify(rows) === JSON.stringify(expected),
      180_000,
    );
    for (const v of views) {
      await eventually(
        () => notes(v),
        seen => JSON.stringify(seen) === JSON.stringify(recorded),
        120_000,
      );
      await eventually(
        () => (v.data as WalkView | undefined)?.status,
        s => s === 'resolved',
        120_000,
      );
    }
    await eventually(
      () => outbox.entries(),
      entries => entries.length === 0,
      60_000,
    );
    const resolves = await stack.sql`select 1 from audit_log where action = 'walk.resolve' and subject_id = ${walkId}`;
    expect(resolves).toHaveLength(1);
    for (const z of [l1, ...watchers]) {
      await eventually(
        () => z.connection.state.current.name,
        s => s === 'connected',
        60_000,
      );
    }
    outbox.close();
    for (const v of views) v.destroy();
  }

  it(
    'SIGKILL a view syncer mid-walk: its clients resume, health names it while down, the walk ends exactly once and in order',
    async () => {
      const sawDown: string[][] = [];
      await walkThrough({
        name: 'view syncer killed',
        async inject(recordDuring) {
          const launches = one.launches();
          process.kill(one.pid()!, 'SIGKILL');
          const down = await eventually(health, h => h.status === 503, 30_000);
          sawDown.push(down.body.failing);
          await recordDuring();
          await one.readyAfter(launches);
        },
      });
      expect(sawDown.every(f => JSON.stringify(f) === JSON.stringify(['view-syncer-1']))).toBe(true);
      expect(stack.logLines.some(l => /^view-syncer-1 exited \(signal SIGKILL\); restarting in /.test(l))).toBe(true);
      expect((await health()).status).toBe(200);
    },
    WALK_TIMEOUT_MS,
  );

  it(
    'restart the replication manager mid-walk: both syncers catch up',
    async () => {
      const sawDown: string[][] = [];
      await walkThrough({
        name: 'replication manager killed',
        async inject(recordDuring) {
          const manager = stack.replicationManager!;
          const launches = manager.launches();
          process.kill(manager.pid()!, 'SIGKILL');
          const down = await eventually(health, h => h.status === 503, 30_000);
          sawDown.push(down.body.failing);
          await recordDuring();
          await manager.readyAfter(launches);
        },
      });
      expect(sawDown.every(f => f.includes('replication-manager') && !f.includes('database'))).toBe(true);
      expect(stack.logLines.some(l => /^replication-manager exited \(signal SIGKILL\); restarting in /.test(l))).toBe(true);
      expect((await health()).status).toBe(200);
    },
    WALK_TIMEOUT_MS,
  );
});
