import * as v from 'valibot';
import type {ActingAs} from '../schema/index.ts';

/**
 * The audit log as GET /api/audit serves it (server/http/audit.ts) to the
 * owner's audit page (client/features/team/AuditLog.tsx). The log is not
 * synced (migrations/00021_audit_log_unsynced): this is its one reader.
 */

/** How many entries a page holds ("Load more" asks for the next one). */
export const AUDIT_PAGE = 200;
/** The most one request may ask for (a refresh re-reads every entry the page shows). */
export const AUDIT_MAX_LIMIT = AUDIT_PAGE * 50;
export const AUDIT_SUBJECT_TYPES = ['account', 'member', 'invite', 'ticket', 'walk', 'handoff', 'task_lane_item', 'flow', 'flow_proposal'] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];

/** What the page filters by: who, what, what about (a kind, or one subject) and when (`from` inclusive, `to` exclusive, epoch ms). */
export type AuditFilter = {
  actorId?: string;
  action?: string;
  subjectType?: AuditSubjectType;
  subjectId?: string;
  from?: number;
  to?: number;
};

/** Where the next page starts: the last entry shown, as `<at>:<id>` (entries run newest first, by `at`, then `id`). */
export const auditCursor = (entry: {at: number; id: string}) => `${entry.at}:${entry.id}`;

const text = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.nonEmpty(),
    v.maxLength(max),
    v.check(s => !s.includes('\u0000'), 'No NUL characters.'),
  );
const epochMs = v.pipe(v.string(), v.regex(/^\d{1,16}(\.\d{1,20})?$/, 'A time is epoch milliseconds.'), v.transform(Number), v.number(), v.finite());

/** The query string of GET /api/audit: the filters, `before` (a cursor) and `limit`; anything else is refused. */
export const auditQuery = v.strictObject({
  actorId: v.optional(text(100)),
  action: v.optional(text(100)),
  subjectType: v.optional(v.picklist(AUDIT_SUBJECT_TYPES, 'subjectType is not a kind of subject.')),
  subjectId: v.optional(text(100)),
  from: v.optional(epochMs),
  to: v.optional(epochMs),
  before: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,16}(\.\d{1,20})?:[^:]{1,100}$/, 'before is a cursor the previous page answered.'),
      v.transform(s => ({at: Number(s.slice(0, s.indexOf(':'))), id: s.slice(s.indexOf(':') + 1)})),
    ),
  ),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,6}$/, 'limit is a whole number.'), v.transform(Number), v.integer(), v.minValue(1), v.maxValue(AUDIT_MAX_LIMIT)),
  ),
});
export type AuditQuery = v.InferOutput<typeof auditQuery>;

type TicketLabel = {id: string; ref: string | null};

/** One row of the audit log, as the page reads it (server/audit/audit-page.ts). */
export type AuditRow = {
  id: string;
  action: string;
  subject_type: string;
  subject_id: string;
  acting_as: ActingAs;
  details: unknown;
  at: number;
};

/**
 * One entry: its row with what its sentence needs (client/features/team/audit-sentences.ts):
 * its actor's name, and its subject under the name of its kind.
 */
export type AuditEntry = AuditRow & {
  actor?: {id: string; name: string};
  subjectMember?: {id: string; name: string};
  subjectTicket?: TicketLabel;
  subjectWalk?: {id: string; ticket?: TicketLabel};
  subjectHandoff?: {id: string; ticket?: TicketLabel};
  subjectLaneItem?: {id: string; text: string; walk?: {id: string; ticket?: TicketLabel}};
  subjectFlow?: {id: string; title: string};
  subjectInvite?: {email: string};
};

/** GET /api/audit's answer: entries newest first; `next` the cursor of the following page (null: none); the actions the "What" filter offers. */
export type AuditPageAnswer = {entries: AuditEntry[]; next: string | null; actions: string[]};
