import {chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {configFromEnv, type TandemConfig} from '../../server/config.ts';
import {startTandem, type RunningTandem} from '../../server/start.ts';
import {freePort} from './free-port.ts';

export type TestStack = RunningTandem & {
  dataDir: string;
  /** The supervisor's log so far (restarts, job runs …). */
  logLines: string[];
  dispose: () => Promise<void>;
};

/**
 * The real stack for a test file: its own embedded PostgreSQL in a fresh
 * temp dir (never DATABASE_URL: tests must not touch a developer's
 * database), migrations, demo seed, the API child process and a real
 * zero-cache child (both supervised: restarted when killed), all on free ports. `dispose` stops it and deletes the data.
 */
/**
 * A config for a whole stack of its own in `dataDir`: its own embedded
 * PostgreSQL (never DATABASE_URL), free ports, zero-cache spawned, demo seed.
 * Shared by the tests and the benchmark.
 */
export async function isolatedConfig(
  dataDir: string,
  overrides: Partial<TandemConfig> & Pick<TandemConfig, 'authSecret' | 'zeroAdminPassword' | 'log'>,
): Promise<TandemConfig> {
  const port = await freePort();
  // Each zero-cache takes three ports: one, or a replication manager and N view syncers.
  const zeroPort = await freePort(3 * ((overrides.viewSyncers ?? 0) + 1));
  return configFromEnv({
    port,
    zeroPort,
    embeddedPgPort: await freePort(),
    dataDir,
    databaseUrl: undefined,
    spawnZeroCache: true,
    // Browsers reach zero-cache on the page's own host (cookies are per host).
    publicZeroUrl: undefined,
    internalZeroUrl: `http://127.0.0.1:${zeroPort}`,
    internalApiUrl: `http://127.0.0.1:${port}`,
    publicUrl: `http://localhost:${port}`,
    serveClient: false,
    seedDemoData: true,
    ai: null,
    // Never a developer's TANDEM_VIEW_SYNCERS: a stack asks for its shape.
    viewSyncers: 0,
    ...overrides,
  });
}

export async function startTestStack(
  options: {serveClient?: boolean; viewSyncers?: number; retried?: boolean; config?: Partial<TandemConfig>} = {},
): Promise<TestStack> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-test-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter it.
  chmodSync(dataDir, 0o755);
  const lines: string[] = [];
  const config = await isolatedConfig(dataDir, {
    authSecret: 'test-secret-0123456789-abcdefghijklmnop',
    zeroAdminPassword: 'test-admin',
    serveClient: options.serveClient ?? false,
    viewSyncers: options.viewSyncers ?? 0,
    // Real settings a test shortens (limits, intervals), as an operator would through the environment.
    ...options.config,
    log: line => {
      lines.push(line);
      if (process.env.TANDEM_TEST_VERBOSE) console.log(`[stack] ${line}`);
    },
  });
  let tandem: RunningTandem;
  try {
    tandem = await startTandem(config);
  } catch (error) {
    console.error(lines.join('\n'));
    // zero-cache's log says why it could not start; it goes with the data dir, so show it first.
    for (const f of existsSync(dataDir) ? readdirSync(dataDir).filter(f => f.endsWith('.log')) : []) {
      console.error(`--- ${f} (last lines)\n${readFileSync(path.join(dataDir, f), 'utf8').split('\n').slice(-40).join('\n')}`);
    }
    rmSync(dataDir, {recursive: true, force: true});
    // A port another process took between our check and zero-cache's bind: one more try on fresh ports.
    if (!options.retried && /exited before it was ready/.test(String(error))) return startTestStack({...options, retried: true});
    throw error;
  }
  return {
    ...tandem,
    dataDir,
    logLines: lines,
    dispose: async () => {
      await tandem.stop();
      rmSync(dataDir, {recursive: true, force: true});
    },
  };
}
