import {randomBytes} from 'node:crypto';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {DEFAULT_SIGN_IN_LIMITS} from './auth/sign-in-limit.ts';
import {zeroRateLimitsFromEnv} from './zero/rate-limits.ts';
import {DEFAULT_ZERO_DEADLINE_MS} from './zero/zero-deadline.ts';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Everything `startTandem` needs to know; built from the environment by `configFromEnv`. */
export type TandemConfig = {
  /** Port of the web app and API (docs/contract.md: 3000). */
  port: number;
  /** Port of zero-cache (docs/contract.md: 4848); it also takes port+1 and port+2. */
  zeroPort: number;
  /** Where embedded Postgres data, the zero-cache replica and the generated secret live. */
  dataDir: string;
  /** An external Postgres (wal_level=logical); when absent an embedded one is started. */
  databaseUrl?: string;
  /** Port of the embedded Postgres. */
  embeddedPgPort: number;
  /**
   * How the API (Hono app + jobs) runs: 'child' = a supervised child process,
   * restarted with backoff when it dies (`npm start`, the tests);
   * 'in-process' = inside the caller's process (needed only when the config
   * carries live objects, e.g. a test's own email transport or model client).
   */
  apiProcess: 'child' | 'in-process';
  /** Spawn zero-cache as a child (false when it runs elsewhere, e.g. docker-compose). */
  spawnZeroCache: boolean;
  /**
   * 0 (TANDEM_VIEW_SYNCERS unset): one zero-cache does everything. N ≥ 1: Zero's
   * multi-node shape, one replication manager and N view syncers
   * (server/zero-cache/zero-parts.ts has the ports).
   */
  viewSyncers: number;
  /**
   * Where browsers reach zero-cache; default: same host as the page, port
   * zeroPort (each view syncer's own port with several). With several view
   * syncers: one URL (a load balancer) or a comma-separated list, one per syncer.
   */
  publicZeroUrl?: string;
  /** Where the API checks zero-cache's health (with several view syncers: a comma-separated list, one per syncer). */
  internalZeroUrl: string;
  /** With several view syncers run elsewhere: where the API checks the replication manager's health. */
  replicationManagerUrl?: string;
  /** Where zero-cache reaches this API. */
  internalApiUrl: string;
  authSecret: string;
  /** Public origin of the app (better-auth base URL, trusted origin). */
  publicUrl: string;
  /** Further origins allowed to call the auth endpoints (e.g. the Vite dev server). */
  trustedOrigins: string[];
  zeroAdminPassword: string;
  /** Serve the built client from client/dist (false under `npm run dev`, where Vite serves it). */
  serveClient: boolean;
  seedDemoData: boolean;
  /** Where notification email goes; default: a JSON-lines file in the data dir. */
  emailTransport?: import('./notify/email-transport.ts').EmailTransport;
  /** Sign-in rate limit (server/auth/sign-in-limit.ts). */
  signInLimits: import('./auth/sign-in-limit.ts').SignInLimits;
  /**
   * How often zero-cache re-asks the API about each open connection's session
   * (TANDEM_AUTH_REVALIDATE_SECONDS, default 3): a deactivated member's or a
   * revoked or expired session's open tab stops receiving rows within it.
   */
  authRevalidateSeconds: number;
  /**
   * Reuse each resolved session for a few seconds (server/auth/context-cache.ts);
   * TANDEM_SESSION_CACHE=off resolves every request afresh (the benchmark's before/after).
   */
  sessionContextCache: boolean;
  /** Mutation and query rate limits of the Zero endpoints (server/zero/rate-limits.ts). */
  zeroRateLimits: import('./zero/rate-limits.ts').ZeroRateLimits;
  /**
   * How long a push or query request from zero-cache may take before it is
   * answered as a database outage, so that none waits on a database that is
   * down or hangs (TANDEM_ZERO_DEADLINE_MS, default 10 000; server/zero/zero-deadline.ts).
   */
  zeroDeadlineMs: number;
  /** The model client; undefined = from ANTHROPIC_API_KEY, null = AI off. */
  ai?: import('./ai/model-client.ts').AiConfig | null;
  log: (line: string) => void;
  /**
   * Extra routes mounted under /api/<path> of the same API process; nothing
   * sets it in production (the benchmark mounts its reference app here).
   */
  extraRoutes?: (deps: ExtraRouteDeps) => {path: string; routes: import('hono').Hono};
};

/** What extra routes may use: the database and the session → Zero context lookup. */
export type ExtraRouteDeps = {
  sql: import('./db/connect.ts').Sql;
  contextOf: (headers: Headers) => Promise<import('../schema/index.ts').TandemContext | undefined>;
};

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return n;
}

/** A whole number ≥ 0 (unset or empty = fallback). */
function wholeEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 32) throw new Error(`${name} must be a whole number from 0 to 32, got "${raw}"`);
  return n;
}

function countEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return n;
}

/** A secret kept in the data dir so sessions survive restarts without configuration. */
function persistentSecret(dataDir: string, file: string): string {
  const p = path.join(dataDir, file);
  if (existsSync(p)) return readFileSync(p, 'utf8').trim();
  mkdirSync(dataDir, {recursive: true});
  const secret = randomBytes(32).toString('hex');
  writeFileSync(p, secret + '\n', {mode: 0o600});
  return secret;
}

export function configFromEnv(overrides: Partial<TandemConfig> = {}): TandemConfig {
  const env = process.env;
  // An override given as `undefined` means "none", never "fall back to the
  // environment": tests pass databaseUrl: undefined so that a developer's
  // DATABASE_URL is never touched.
  const has = (key: keyof TandemConfig) => Object.hasOwn(overrides, key);
  const port = overrides.port ?? intEnv('PORT', 3000);
  const zeroPort = overrides.zeroPort ?? intEnv('ZERO_PORT', 4848);
  const dataDir = overrides.dataDir ?? path.resolve(env.TANDEM_DATA_DIR || path.join(ROOT_DIR, '.data'));
  const spawnZeroCache = overrides.spawnZeroCache ?? env.TANDEM_SPAWN_ZERO_CACHE !== 'false';
  const publicUrl = overrides.publicUrl ?? (env.TANDEM_PUBLIC_URL || `http://localhost:${port}`);
  return {
    port,
    zeroPort,
    dataDir,
    databaseUrl: has('databaseUrl') ? overrides.databaseUrl : env.DATABASE_URL || undefined,
    embeddedPgPort: overrides.embeddedPgPort ?? intEnv('TANDEM_PG_PORT', 5433),
    apiProcess: overrides.apiProcess ?? (env.TANDEM_API_PROCESS === 'in-process' ? 'in-process' : 'child'),
    spawnZeroCache,
    viewSyncers: overrides.viewSyncers ?? wholeEnv('TANDEM_VIEW_SYNCERS', 0),
    replicationManagerUrl: has('replicationManagerUrl') ? overrides.replicationManagerUrl : env.ZERO_REPLICATION_MANAGER_URL || undefined,
    publicZeroUrl: has('publicZeroUrl') ? overrides.publicZeroUrl : env.ZERO_PUBLIC_URL || undefined,
    internalZeroUrl: overrides.internalZeroUrl ?? (env.ZERO_INTERNAL_URL || `http://127.0.0.1:${zeroPort}`),
    internalApiUrl: overrides.internalApiUrl ?? (env.TANDEM_INTERNAL_API_URL || `http://127.0.0.1:${port}`),
    authSecret: overrides.authSecret ?? (env.BETTER_AUTH_SECRET || persistentSecret(dataDir, 'auth-secret')),
    publicUrl,
    trustedOrigins:
      overrides.trustedOrigins ??
      (env.TANDEM_TRUSTED_ORIGINS || '')
        .split(',')
        .map(o => o.trim())
        .filter(Boolean),
    zeroAdminPassword: overrides.zeroAdminPassword ?? (env.ZERO_ADMIN_PASSWORD || persistentSecret(dataDir, 'zero-admin-password')),
    serveClient: overrides.serveClient ?? true,
    seedDemoData: overrides.seedDemoData ?? env.TANDEM_SEED_DEMO !== 'false',
    signInLimits: overrides.signInLimits ?? {
      maxPerEmail: countEnv('TANDEM_SIGNIN_MAX_PER_EMAIL', DEFAULT_SIGN_IN_LIMITS.maxPerEmail),
      maxPerIp: countEnv('TANDEM_SIGNIN_MAX_PER_IP', DEFAULT_SIGN_IN_LIMITS.maxPerIp),
      windowMinutes: countEnv('TANDEM_SIGNIN_WINDOW_MINUTES', DEFAULT_SIGN_IN_LIMITS.windowMinutes),
      trustProxy: env.TANDEM_TRUST_PROXY === 'true',
    },
    authRevalidateSeconds: overrides.authRevalidateSeconds ?? countEnv('TANDEM_AUTH_REVALIDATE_SECONDS', 3),
    sessionContextCache: overrides.sessionContextCache ?? env.TANDEM_SESSION_CACHE !== 'off',
    zeroRateLimits: overrides.zeroRateLimits ?? zeroRateLimitsFromEnv(countEnv),
    zeroDeadlineMs: overrides.zeroDeadlineMs ?? countEnv('TANDEM_ZERO_DEADLINE_MS', DEFAULT_ZERO_DEADLINE_MS),
    // Given as null, AI stays off whatever the environment says (tests); absent, the environment decides.
    ai: overrides.ai,
    emailTransport: overrides.emailTransport,
    extraRoutes: overrides.extraRoutes,
    log: overrides.log ?? (line => console.log(line)),
  };
}
