import {spawn, type ChildProcess} from 'node:child_process';
import {chmodSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ROOT_DIR} from '../../server/config.ts';
import {connect, type Sql} from '../../server/db/connect.ts';
import {startEmbeddedPostgres} from '../../server/db/embedded-postgres.ts';
import {freePort} from '../support/free-port.ts';
import {pushClient, type PushClient} from '../support/push.ts';
import {signIn} from '../support/sign-in.ts';
import {eventually} from '../support/zero-client.ts';

/**
 * SIGTERM drains: `npm start` for real (the supervisor process, its API
 * child, zero-cache, embedded Postgres). A walk step is pushed while a row
 * lock held from another connection makes it wait; SIGTERM arrives; the
 * server stops taking connections; the lock is released; the step commits,
 * its caller gets the answer, and the process exits 0.
 */
describe('graceful shutdown', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-shutdown-'));
  chmodSync(dataDir, 0o755);
  let supervisor: ChildProcess;
  let exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
  const output: string[] = [];
  let appUrl: string;
  let pgPort: number;
  let sql: Sql;
  let client: PushClient;
  let walkId: string;
  let definition: {nodes: {id: string; options: {id: string; next: string}[]}[]};

  beforeAll(async () => {
    const port = await freePort();
    pgPort = await freePort();
    appUrl = `http://localhost:${port}`;
    supervisor = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT_DIR,
      env: {
        ...process.env,
        PORT: String(port),
        ZERO_PORT: String(await freePort(3)),
        TANDEM_PG_PORT: String(pgPort),
        TANDEM_DATA_DIR: dataDir,
        DATABASE_URL: '',
        TANDEM_SERVE_CLIENT: 'false',
        ANTHROPIC_API_KEY: '',
        BETTER_AUTH_SECRET: 'test-secret-0123456789-abcdefghijklmnop',
        ZERO_ADMIN_PASSWORD: 'test-admin',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [supervisor.stdout!, supervisor.stderr!]) {
      stream.on('data', (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean)));
    }
    exited = new Promise(resolve => supervisor.once('exit', (code, signal) => resolve({code, signal})));
    await eventually(() => output.some(l => l.includes('Tandem is running')) || supervisor.exitCode !== null, Boolean, 200_000).catch(() => {});
    if (!output.some(l => l.includes('Tandem is running'))) throw new Error(`npm start did not come up:\n${output.join('\n')}`);

    sql = connect(`postgres://tandem:tandem-local@127.0.0.1:${pgPort}/tandem`, {max: 3});
    const session = await signIn(appUrl, 'l1@northwind.test');
    const [flow] = await sql<{id: string; definition: typeof definition & {start: string}}[]>`
      select id, definition from flow where account_id = ${session.context.accountId} and status = 'published' order by title limit 1`;
    definition = flow.definition;
    client = pushClient(appUrl, session.token);
    walkId = crypto.randomUUID();
    const intake = await client.push('ticket.intake', {
      ticketId: crypto.randomUUID(),
      walkId,
      problemStatement: 'Drained, not dropped',
      flowId: flow.id,
    });
    expect(intake.body.mutations?.[0].result).toEqual({});
  }, 240_000);

  afterAll(async () => {
    await sql?.end({timeout: 1}).catch(() => {});
    if (supervisor?.exitCode === null && supervisor.signalCode === null) {
      supervisor.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, {recursive: true, force: true});
  }, 60_000);

  /** Pushes the next step while the walk's row is locked elsewhere; `stop` is sent once the push waits on the lock. */
  async function stepDuringShutdown(stop: () => void) {
    let release!: () => void;
    const released = new Promise<void>(r => (release = r));
    let locked!: () => void;
    const lockHeld = new Promise<void>(r => (locked = r));
    const holder = sql.begin(async tx => {
      await tx`select 1 from walk where id = ${walkId} for update`;
      locked();
      await released;
    });
    await lockHeld;

    const [walk] = await sql<{current_node_id: string; step_count: number}[]>`select current_node_id, step_count from walk where id = ${walkId}`;
    const at = definition.nodes.find(n => n.id === walk.current_node_id)!;
    const answer = client.push('walk.recordStep', {walkId, nodeId: at.id, optionId: at.options[0].id});
    // The push is inside its transaction, waiting for the row lock.
    await eventually(
      async () => (await sql`select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like '%for update%'`).length,
      n => n > 0,
      30_000,
    );
    stop();
    // No new connections while draining…
    await eventually(
      () =>
        fetch(`${appUrl}/api/session`, {signal: AbortSignal.timeout(2000)}).then(
          () => 'accepted',
          () => 'refused',
        ),
      v => v === 'refused',
      30_000,
    );
    // …but the mutation in flight is still waiting, and finishes once the lock goes.
    release();
    await holder;
    const {status, body} = await answer;
    return {status, body, seq: walk.step_count + 1};
  }

  it('SIGTERM to the API process: the in-flight step commits and is answered; the API exits 0 and is restarted', async () => {
    const line = output.find(l => /API serving on port \d+ \(pid \d+\)/.test(l))!;
    const apiPid = Number(/pid (\d+)/.exec(line)![1]);
    const {status, body, seq} = await stepDuringShutdown(() => process.kill(apiPid, 'SIGTERM'));

    expect(status).toBe(200);
    expect(body.kind).toBe('MutateResponse');
    expect(body.mutations).toEqual([{id: {clientID: client.clientID, id: 2}, result: {}}]);
    expect(await sql`select seq from walk_step where walk_id = ${walkId} order by seq`).toEqual([{seq}]);

    // The supervisor saw a clean exit and brought the API back.
    await eventually(() => output.some(l => l.includes('API is back')), Boolean, 60_000);
    expect(output).toContain('API exited (code 0); restarting in 1 s (attempt 1)');
    const health = await eventually(
      () =>
        fetch(`${appUrl}/api/health`).then(
          r => r.status,
          () => 0,
        ),
      s => s === 200,
      60_000,
    );
    expect(health).toBe(200);
  }, 180_000);

  it('SIGTERM to the supervisor: the in-flight step commits and is answered, then everything stops and it exits 0', async () => {
    const {status, body, seq} = await stepDuringShutdown(() => supervisor.kill('SIGTERM'));
    expect(status).toBe(200);
    expect(body.mutations).toEqual([{id: {clientID: client.clientID, id: 3}, result: {}}]);
    expect(await exited).toEqual({code: 0, signal: null});
    expect(output).toContain('Stopped.');
    await sql.end({timeout: 1}).catch(() => {});

    // Postgres was stopped with the rest; the step is in its data.
    const pg = await startEmbeddedPostgres(path.join(dataDir, 'postgres'), pgPort, () => {});
    const check = connect(pg.url, {max: 1});
    try {
      expect((await check`select seq from walk_step where walk_id = ${walkId} order by seq`).map(r => r.seq)).toEqual([seq - 1, seq]);
    } finally {
      await check.end({timeout: 1});
      await pg.stop();
    }
  }, 180_000);
});
