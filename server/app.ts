import path from 'node:path';
import {Hono} from 'hono';
import type {AiConfig} from './ai/model-client.ts';
import type {Auth} from './auth/auth.ts';
import {resetRequestRateLimit} from './auth/reset-request-limit.ts';
import {signInRateLimit, type SignInLimits} from './auth/sign-in-limit.ts';
import {ROOT_DIR} from './config.ts';
import type {Sql} from './db/connect.ts';
import {auditRoutes} from './http/audit.ts';
import {crossSiteGuard} from './http/cross-site-guard.ts';
import {onError} from './http/errors.ts';
import {healthRoute} from './http/health.ts';
import {flowDraftRoutes} from './http/flow-drafts.ts';
import {inviteRoutes} from './http/invites.ts';
import {metricsRoutes} from './http/metrics.ts';
import {outboxAnswersRoutes} from './http/outbox-answers.ts';
import {ownSignInAudit} from './http/own-sign-in-audit.ts';
import {presenceBeatRoutes} from './http/presence-beat.ts';
import {presenceWaitingRoutes} from './http/presence-waiting.ts';
import {resolutionNoteRoutes} from './http/resolution-note.ts';
import {securityHeaders} from './http/security-headers.ts';
import {sessionGate, type ContextOf} from './http/session-gate.ts';
import {sessionRoutes} from './http/session.ts';
import {staticClient} from './http/static-client.ts';
import type {DbProvider} from './zero/db-provider.ts';
import type {ServerMutators} from './zero/server-mutators.ts';
import {zeroRoutes, type AfterMutate} from './zero/routes.ts';
import type {SyncerPlacement} from './zero-cache/placement.ts';
import type {ZeroPart} from './zero-cache/zero-parts.ts';

type AppDeps = {
  sql: Sql;
  auth: Auth;
  dbProvider: DbProvider;
  serverMutators: ServerMutators;
  contextOf: ContextOf;
  /** The model the writers use; undefined: the local writers. */
  ai: AiConfig | undefined;
  log: (line: string) => void;
  /** The zero-cache processes GET /api/health checks. */
  zeroParts: ZeroPart[];
  /** Which zero-cache URL each page is handed (server/zero-cache/placement.ts). */
  placement: SyncerPlacement;
  serveClient: boolean;
  /** Origins whose pages may use the session cookie (the app's own, the dev server). */
  trustedOrigins: string[];
  signInLimits: SignInLimits;
  /** Rate limits of the Zero endpoints (default: server/zero/rate-limits.ts). */
  zeroRateLimits?: import('./zero/rate-limits.ts').ZeroRateLimits;
  /** How long a Zero push or query request may take (default: server/zero/zero-deadline.ts). */
  zeroDeadlineMs?: number;
  afterMutate: AfterMutate;
  /** Routes a caller adds under /api (e.g. the benchmark's reference app); none by default. */
  extraRoutes?: {path: string; routes: Hono};
};

/**
 * The Hono app, and the one place its routers are mounted, by concern.
 * Every route that needs a signed-in caller sits behind the session gate
 * (server/http/session-gate.ts), which puts the context on the request.
 */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  const gate = sessionGate(deps.contextOf);
  app.onError(onError);
  app.use('*', securityHeaders(deps.placement.urlsFor));
  app.use('/api/*', crossSiteGuard(deps.trustedOrigins));

  app.post('/api/auth/sign-in/email', signInRateLimit(deps.sql, deps.signInLimits));
  app.post('/api/auth/request-password-reset', resetRequestRateLimit(deps.sql, deps.signInLimits));
  app.post('/api/auth/change-password', ownSignInAudit(deps.sql, deps.contextOf, 'changePassword'));
  app.post('/api/auth/revoke-sessions', ownSignInAudit(deps.sql, deps.contextOf, 'signOutEverywhere'));
  // better-auth's own session read honours the account's session policy too
  // (resolving the session ends it when the policy says so).
  app.get('/api/auth/get-session', async (c, next) => {
    await deps.contextOf(c.req.raw.headers);
    await next();
  });
  app.on(['GET', 'POST'], '/api/auth/*', c => deps.auth.handler(c.req.raw));
  app.route('/api/zero', zeroRoutes({...deps, gate}));
  app.route('/api/health', healthRoute(deps.sql, deps.zeroParts));
  app.route('/api/invites', inviteRoutes(deps.dbProvider, deps.auth));
  app.route('/api/metrics', metricsRoutes(deps.sql, gate));
  app.route('/api/audit', auditRoutes(deps.sql, gate));
  app.route('/api/walks', resolutionNoteRoutes(deps.dbProvider, deps.ai, gate, deps.log));
  app.route('/api/flows', flowDraftRoutes(deps.sql, deps.ai, gate, deps.log));
  app.route('/api/presence', presenceBeatRoutes(deps.sql, gate));
  app.route('/api/presence', presenceWaitingRoutes(deps.sql, gate));
  app.route('/api/outbox', outboxAnswersRoutes(deps.sql, gate));
  app.route('/api/session', sessionRoutes(deps.sql, gate, deps.placement.place));
  if (deps.extraRoutes) app.route(`/api/${deps.extraRoutes.path}`, deps.extraRoutes.routes);
  app.all('/api/*', c => c.json({error: 'not_found', message: 'No such endpoint.'}, 404));

  if (deps.serveClient) app.route('/', staticClient(path.join(ROOT_DIR, 'client', 'dist')));
  return app;
}
