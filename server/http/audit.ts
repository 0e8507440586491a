import {Hono} from 'hono';
import * as v from 'valibot';
import {auditQuery} from '../../rules/audit-log.ts';
import {canManageAccount} from '../../rules/permissions.ts';
import {auditPage} from '../audit/audit-page.ts';
import type {Sql} from '../db/connect.ts';
import type {Gated, SessionGate} from './session-gate.ts';

/**
 * GET /api/audit?actorId&action&subjectType&subjectId&from&to&before&limit:
 * the caller's account's audit log, newest first, a page at a time
 * (rules/audit-log.ts), for owners only. The log is not synced to clients
 * (migrations/00021_audit_log_unsynced); this is how the Team page reads it.
 */
export function auditRoutes(sql: Sql, gate: SessionGate) {
  const app = new Hono<Gated>();
  app.get('/', gate, async c => {
    const ctx = c.get('ctx');
    if (!canManageAccount(ctx)) return c.json({error: 'forbidden', message: 'Only owners read the audit log.'}, 403);
    const parsed = v.safeParse(auditQuery, c.req.query());
    if (!parsed.success) return c.json({error: 'invalid_input', message: parsed.issues.map(i => i.message).join(' ')}, 400);
    c.header('cache-control', 'no-store');
    return c.json(await auditPage(sql, ctx.accountId, parsed.output));
  });
  return app;
}
