import path from 'node:path';
import {serve, type ServerType} from '@hono/node-server';
import {createApp} from './app.ts';
import {createAuth} from './auth/auth.ts';
import {contextFromHeaders} from './auth/context.ts';
import type {TandemConfig} from './config.ts';
import {connect, type Sql} from './db/connect.ts';
import {startEmbeddedPostgres, type EmbeddedDatabase} from './db/embedded-postgres.ts';
import {migrate} from './db/migrate.ts';
import {metricsRoute} from './http/metrics.ts';
import {resolutionNoteRoute} from './http/resolution-note.ts';
import {flowDraftRoute} from './http/flow-drafts.ts';
import {scheduleAbandonment} from './jobs/abandon-idle-walks.ts';
import {schedulePresenceSweep} from './jobs/sweep-presence.ts';
import {scheduleLedgerPruning} from './jobs/prune-change-ledger.ts';
import {createDispatcher} from './notify/dispatcher.ts';
import {emailTransportFromEnv} from './notify/email-transport.ts';
import {assertPortsFree} from './ports.ts';
import {seedDemoData} from './seed/demo-seed.ts';
import {createDbProvider} from './zero/db-provider.ts';
import {createServerMutators} from './zero/server-mutators.ts';
import {aiConfigFromEnv} from './ai/model-client.ts';
import {createPackageJob} from './handoff/package-job.ts';
import {startZeroCache, type ZeroCacheHandle} from './zero-cache/zero-cache-process.ts';

export type RunningTandem = {
  config: TandemConfig;
  databaseUrl: string;
  appUrl: string;
  zeroUrl: string;
  sql: Sql;
  /** Process id of the zero-cache child, when this process spawned it. */
  zeroCachePid: () => number | undefined;
  stop: () => Promise<void>;
};

/**
 * Brings the whole stack up in order: Postgres (embedded unless
 * DATABASE_URL), migrations, demo data, the API, then zero-cache, which
 * needs the API for its mutate and query calls. `stop` takes it down in
 * reverse order.
 */
export async function startTandem(config: TandemConfig): Promise<RunningTandem> {
  const {log} = config;
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(e => log(`  while stopping: ${e?.message ?? e}`));
    stops.length = 0;
  };

  try {
    await assertPortsFree([
      {port: config.port, what: 'the web app and API', env: 'PORT'},
      ...(config.spawnZeroCache
        ? [0, 1, 2].map(i => ({port: config.zeroPort + i, what: 'zero-cache', env: 'ZERO_PORT'}))
        : []),
      ...(config.databaseUrl ? [] : [{port: config.embeddedPgPort, what: 'embedded PostgreSQL', env: 'TANDEM_PG_PORT'}]),
    ]);

    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      log(`Starting embedded PostgreSQL (data in ${path.join(config.dataDir, 'postgres')})`);
      const db: EmbeddedDatabase = await startEmbeddedPostgres(
        path.join(config.dataDir, 'postgres'),
        config.embeddedPgPort,
        log,
      );
      stops.push(db.stop);
      databaseUrl = db.url;
    } else {
      log('Using the PostgreSQL at DATABASE_URL');
    }

    const sql = connect(databaseUrl, {max: 20});
    stops.push(() => sql.end({timeout: 5}));
    const authSql = connect(databaseUrl, {max: 5, searchPath: 'auth'});
    stops.push(() => authSql.end({timeout: 5}));

    const [{wal_level}] = await sql<{wal_level: string}[]>`show wal_level`;
    if (wal_level !== 'logical') {
      throw new Error(`PostgreSQL must run with wal_level=logical for zero-cache (it has ${wal_level}).`);
    }

    log('Applying migrations');
    await migrate(sql, line => log(line));
    if (config.seedDemoData) {
      log('Seeding demo data');
      await seedDemoData(sql);
    }

    const stopAbandonment = scheduleAbandonment(sql, log);
    stops.push(async () => stopAbandonment());
    const stopSweep = schedulePresenceSweep(sql, log);
    stops.push(async () => stopSweep());
    const stopPruning = scheduleLedgerPruning(sql, log);
    stops.push(async () => stopPruning());

    const trustedOrigins = [
      config.publicUrl,
      `http://localhost:${config.port}`,
      `http://127.0.0.1:${config.port}`,
      ...config.trustedOrigins,
    ];
    const auth = createAuth({
      authSql,
      secret: config.authSecret,
      publicUrl: config.publicUrl,
      isActiveMember: async userId =>
        (await sql`select 1 from member where id = ${userId} and active`).length > 0,
      trustedOrigins,
    });
    const contextOf = (headers: Headers) => contextFromHeaders(auth, sql, headers);
    const dispatcher = createDispatcher(
      sql,
      config.emailTransport ?? (await emailTransportFromEnv(config.dataDir)),
      log,
    );
    const dispatchTimer = setInterval(() => void dispatcher.kick(), 10_000);
    dispatchTimer.unref();
    stops.push(async () => clearInterval(dispatchTimer));
    const dbProvider = createDbProvider(sql);
    const ai = config.ai === undefined ? aiConfigFromEnv() : config.ai ?? undefined;
    log(ai ? `AI assist: on (${ai.model})` : 'AI assist: off (no ANTHROPIC_API_KEY): the deterministic writer is used');
    const packageJob = createPackageJob(sql, dbProvider, ai, log);
    const packageTimer = setInterval(() => void packageJob.kick(), 5_000);
    packageTimer.unref();
    stops.push(async () => clearInterval(packageTimer));
    const app = createApp({
      sql,
      auth,
      dbProvider,
      serverMutators: createServerMutators({aiEnabled: !!ai}),
      contextOf,
      zeroHealthUrl: config.internalZeroUrl,
      zeroUrlFor: requestUrl => config.publicZeroUrl ?? `${requestUrl.protocol}//${requestUrl.hostname}:${config.zeroPort}`,
      serveClient: config.serveClient,
      trustedOrigins,
      signInLimits: config.signInLimits,
      afterMutate: () => {
        void dispatcher.kick();
        void packageJob.kick();
      },
      metricsRoute: metricsRoute(sql, contextOf),
      walkRoutes: resolutionNoteRoute(dbProvider, ai, contextOf, log),
      flowRoutes: flowDraftRoute(sql, ai, contextOf, log),
      extraRoutes: config.extraRoutes?.({sql, contextOf}),
    });

    const server: ServerType = await new Promise((resolve, reject) => {
      const s = serve({fetch: app.fetch, port: config.port, hostname: '0.0.0.0'}, () => resolve(s));
      s.once('error', reject);
    });
    stops.push(
      () =>
        new Promise<void>(resolve => {
          server.close(() => resolve());
          (server as unknown as {closeAllConnections?: () => void}).closeAllConnections?.();
        }),
    );

    let zeroCache: ZeroCacheHandle | undefined;
    if (config.spawnZeroCache) {
      log('Starting zero-cache');
      zeroCache = startZeroCache({
        upstreamDb: databaseUrl,
        dataDir: config.dataDir,
        port: config.zeroPort,
        apiUrl: config.internalApiUrl,
        adminPassword: config.zeroAdminPassword,
        log,
      });
      stops.push(zeroCache.stop);
      await zeroCache.ready();
    }

    return {
      config,
      databaseUrl,
      appUrl: `http://localhost:${config.port}`,
      zeroUrl: zeroCache?.url ?? config.internalZeroUrl,
      sql,
      zeroCachePid: () => zeroCache?.pid(),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
