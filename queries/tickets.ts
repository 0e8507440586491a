import {defineQuery} from '@rocicorp/zero';
import * as v from 'valibot';
import {TICKET_STATUSES, zql} from '../schema/index.ts';
import {scopeAccountId} from './scope.ts';

const limit = v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)));

export const list = defineQuery(v.optional(v.object({limit}), {}), ({args, ctx}) =>
  zql.ticket
    .where('account_id', scopeAccountId(ctx))
    .related('creator')
    // With each walk's escalations and who picked them up: the L1's list tells where each one stands.
    .related('walks', w => w.related('handoffs', h => h.related('claimer').orderBy('escalated_at', 'desc')))
    .orderBy('created_at', 'desc')
    .limit(args?.limit ?? 100),
);

/**
 * One ticket with its whole history (docs/tickets.md): every walk with its steps
 * and task lane, every handoff, the customer, the assignee.
 */
export const byId = defineQuery(v.object({ticketId: v.pipe(v.string(), v.maxLength(100))}), ({args, ctx}) =>
  zql.ticket
    .where('account_id', scopeAccountId(ctx))
    .where('id', args.ticketId)
    .related('creator')
    .related('assignee')
    .related('customer')
    .related('walks', w =>
      w
        .related('driver')
        .related('flow')
        .related('proposal')
        .related('steps', s => s.orderBy('seq', 'asc'))
        .related('lane', l => l.related('author').orderBy('position', 'asc'))
        .orderBy('started_at', 'asc'),
    )
    .related('handoffs', h => h.related('escalator').related('claimer').orderBy('escalated_at', 'asc'))
    .one(),
);

/** A LIKE pattern matching `text` anywhere, its wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, c => `\\${c}`)}%`;
}

export const SEARCH_PAGE = 25;

export const searchArgs = v.optional(
  v.object({
    text: v.optional(v.pipe(v.string(), v.maxLength(200))),
    status: v.optional(v.picklist(TICKET_STATUSES)),
    assigneeId: v.optional(v.pipe(v.string(), v.maxLength(100))),
    limit,
  }),
  {},
);

/**
 * The account's tickets matching `text` in number, title, problem statement,
 * customer, contact or resolution notes, newest first (the contract's list
 * plus the title: a superset, since titles came later); filterable by status
 * and assignee. Paged by raising `limit`.
 */
export const search = defineQuery(searchArgs, ({args, ctx}) => {
  let q = zql.ticket.where('account_id', scopeAccountId(ctx));
  const text = args?.text?.trim();
  if (text) {
    const p = containsPattern(text);
    q = q.where(({or, cmp}) =>
      or(
        cmp('ref', 'ILIKE', p),
        cmp('title', 'ILIKE', p),
        cmp('problem_statement', 'ILIKE', p),
        cmp('customer_name', 'ILIKE', p),
        cmp('customer_contact', 'ILIKE', p),
        cmp('resolution_notes', 'ILIKE', p),
      ),
    );
  }
  if (args?.status) q = q.where('status', args.status);
  if (args?.assigneeId) q = q.where('assigned_user_id', args.assigneeId);
  return q
    .related('assignee')
    .orderBy('created_at', 'desc')
    .limit(args?.limit ?? SEARCH_PAGE);
});
