import {createApp} from '../app.ts';
import {createAuth} from '../auth/auth.ts';
import {resolveSession} from '../auth/context.ts';
import {sessionContextCache} from '../auth/context-cache.ts';
import type {TandemConfig} from '../config.ts';
import {connect} from '../db/connect.ts';
import {listenGracefully} from '../http/graceful-server.ts';
import {scheduleAbandonment} from '../jobs/abandon-idle-walks.ts';
import {schedulePresenceSweep} from '../presence/presence-beats.ts';
import {schedulePruning} from '../jobs/pruning.ts';
import {createDispatcher} from '../notify/dispatcher.ts';
import {passwordResetMailer} from '../auth/password-reset-mail.ts';
import {recordSecurityEvent} from '../people/security-events.ts';
import {emailTransportFromEnv} from '../notify/email-transport.ts';
import {aiConfigFromEnv} from '../ai/model-client.ts';
import {createPackageJob} from '../handoff/package-job.ts';
import {createDbProvider} from '../zero/db-provider.ts';
import {queuesWork, sessionsChangedBy} from '../zero/applied-change.ts';
import {createServerMutators} from '../zero/server-mutators.ts';
import {createSyncerPlacement} from '../zero-cache/placement.ts';
import {zeroParts} from '../zero-cache/zero-parts.ts';

/** How long a shutdown waits for requests in flight (mutations) to finish. */
export const DRAIN_TIMEOUT_MS = 20_000;

export type RunningApi = {
  /**
   * Graceful: stops accepting connections, lets in-flight requests (e.g.
   * /api/zero/mutate) commit and answer, stops the jobs, then closes the
   * database pools.
   */
  stop: () => Promise<void>;
};

/**
 * The API server: the Hono app on `config.port` (app + API, docs/contract.md) and its
 * background jobs (idle-walk abandonment, presence sweep, pruning, notification
 * dispatcher, escalation-package writer). The database must be migrated
 * already. Runs in the API child process (server/api/api-child.ts) or, when
 * asked, inside the caller's process.
 */
export async function startApi(config: TandemConfig, databaseUrl: string): Promise<RunningApi> {
  const {log} = config;
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanUp = async () => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(e => log(`  while stopping the API: ${e?.message ?? e}`));
    cleanups.length = 0;
  };

  try {
    const sql = connect(databaseUrl, {max: 20});
    cleanups.push(() => sql.end({timeout: 5}));
    const authSql = connect(databaseUrl, {max: 5, searchPath: 'auth'});
    cleanups.push(() => authSql.end({timeout: 5}));

    // Every job is safe to run on several servers at once (conditional
    // updates, row locks); each API process runs one copy of each.
    const stopAbandonment = scheduleAbandonment(sql, log);
    cleanups.push(stopAbandonment);
    const stopSweep = schedulePresenceSweep(sql, log);
    cleanups.push(stopSweep);
    // The tables that would grow without end, each pruned on its schedule (server/jobs/pruning.ts).
    cleanups.push(schedulePruning(sql, config, log));

    const trustedOrigins = [config.publicUrl, `http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`, ...config.trustedOrigins];

    const emailTransport = config.emailTransport ?? (await emailTransportFromEnv(config.dataDir));
    const isActiveMember = async (userId: string) => (await sql`select 1 from member where id = ${userId} and active`).length > 0;
    const auth = createAuth({
      authSql,
      secret: config.authSecret,
      publicUrl: config.publicUrl,
      isActiveMember,
      trustedOrigins,
      // Queued, and sent by the dispatcher once queued (server/auth/password-reset-mail.ts).
      sendResetPassword: passwordResetMailer(sql, isActiveMember, () => void dispatcher.kick()),
      onPasswordReset: userId => recordSecurityEvent(sql, userId, 'member.resetPassword', {sessionsEndedAt: Date.now()}),
      // Read your own writes: this process's next request already sees the session gone.
      onSessionEnded: userId => contextCache?.forget(userId),
    });
    const resolve = (headers: Headers) => resolveSession(auth, sql, headers);
    const contextCache = config.sessionContextCache ? await sessionContextCache(sql, resolve) : undefined;
    if (contextCache) cleanups.push(() => contextCache.stop());
    const contextOf = contextCache?.contextOf ?? (async (headers: Headers) => (await resolve(headers))?.ctx);
    const dispatcher = createDispatcher(sql, emailTransport, log, {
      publicUrl: config.publicUrl,
    });
    const dispatchTimer = setInterval(() => void dispatcher.kick(), 10_000);
    dispatchTimer.unref();
    cleanups.push(() => clearInterval(dispatchTimer));
    const dbProvider = createDbProvider(sql);
    const ai = config.ai === undefined ? aiConfigFromEnv() : (config.ai ?? undefined);
    log(ai ? `AI assist: on (${ai.model})` : 'AI assist: off (no ANTHROPIC_API_KEY): the deterministic writer is used');
    const packageJob = createPackageJob(sql, dbProvider, ai, log);
    const packageTimer = setInterval(() => void packageJob.kick(), 5_000);
    packageTimer.unref();
    cleanups.push(() => clearInterval(packageTimer));

    const app = createApp({
      sql,
      auth,
      dbProvider,
      serverMutators: createServerMutators({aiEnabled: !!ai}),
      contextOf,
      ai,
      log,
      zeroParts: zeroParts(config),
      placement: createSyncerPlacement(config),
      serveClient: config.serveClient,
      trustedOrigins,
      signInLimits: config.signInLimits,
      zeroRateLimits: config.zeroRateLimits,
      zeroDeadlineMs: config.zeroDeadlineMs,
      afterMutate: (applied, ctx) => {
        // A member deactivated or given another role: their next request here already sees it.
        if (contextCache) for (const who of sessionsChangedBy(applied, ctx)) contextCache.forget(who);
        // Steps, notes and presence (nearly every push) leave the jobs asleep.
        if (!queuesWork(applied)) return;
        void dispatcher.kick();
        void packageJob.kick();
      },
      extraRoutes: config.extraRoutes?.({sql, contextOf}),
    });

    const server = await listenGracefully(app.fetch, config.port);
    // Stops first: no request may find its pools closed.
    cleanups.push(() => server.drain(DRAIN_TIMEOUT_MS));
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return {stop: cleanUp};
}
