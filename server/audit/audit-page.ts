import {AUDIT_PAGE, auditCursor, type AuditEntry, type AuditPageAnswer, type AuditQuery, type AuditRow} from '../../rules/audit-log.ts';
import type {Sql} from '../db/connect.ts';

/** How many of the newest entries the "What" filter takes its actions from. */
const ACTIONS_FROM = 500;

/** A row with its actor's name, if the actor is a member of the account. */
type EntryRow = AuditRow & {actor_user_id: string; actor_name: string | null};
type TicketRow = {ticket_id: string | null; ref: string | null};

const ticketOf = (r: TicketRow) => (r.ticket_id ? {id: r.ticket_id, ref: r.ref} : undefined);

/**
 * One page of an account's audit log, newest first (by `at`, then `id`),
 * after the `before` cursor, with each entry's actor and subject looked up
 * within the same account. Everything is scoped to `accountId`: an id of
 * another account in a filter matches nothing, exactly like an id that does
 * not exist.
 */
export async function auditPage(sql: Sql, accountId: string, q: AuditQuery): Promise<AuditPageAnswer> {
  const limit = q.limit ?? AUDIT_PAGE;
  const rows = await entryRows(sql, accountId, q, limit + 1);
  const page = rows.slice(0, limit);
  const [subjects, actions] = await Promise.all([subjectsOf(sql, accountId, page), recentActions(sql, accountId)]);
  const entries = page.map(
    ({actor_user_id, actor_name, ...row}): AuditEntry => ({
      ...row,
      ...(actor_name !== null ? {actor: {id: actor_user_id, name: actor_name}} : {}),
      ...subjects(row.subject_type, row.subject_id),
    }),
  );
  return {entries, next: rows.length > limit ? auditCursor(page[page.length - 1]) : null, actions};
}

/**
 * The account's entries matching `q`, newest first (by `at`, then `id`),
 * after the `before` cursor, at most `limit`, each with its actor's name.
 * Served by the indexes on (account_id, at) and, for one subject, on
 * (account_id, subject_id, at, id) (migrations 00002 and 00024).
 */
export function entryRows(sql: Sql, accountId: string, q: AuditQuery, limit: number) {
  return sql<EntryRow[]>`
    select a.id, a.action, a.subject_type, a.subject_id, a.acting_as, a.details, a.at, a.actor_user_id, m.name as actor_name
    from audit_log a
    left join member m on m.id = a.actor_user_id and m.account_id = a.account_id
    where a.account_id = ${accountId}
      ${q.actorId ? sql`and a.actor_user_id = ${q.actorId}` : sql``}
      ${q.action ? sql`and a.action = ${q.action}` : sql``}
      ${q.subjectType ? sql`and a.subject_type = ${q.subjectType}` : sql``}
      ${q.subjectId ? sql`and a.subject_id = ${q.subjectId}` : sql``}
      ${q.from !== undefined ? sql`and a.at >= ${q.from}` : sql``}
      ${q.to !== undefined ? sql`and a.at < ${q.to}` : sql``}
      ${q.before ? sql`and (a.at, a.id) < (${q.before.at}, ${q.before.id})` : sql``}
    order by a.at desc, a.id desc
    limit ${limit}`;
}

/** The actions of the account's newest entries, for the "What" filter. */
async function recentActions(sql: Sql, accountId: string): Promise<string[]> {
  const rows = await sql<{action: string}[]>`
    select distinct action from (
      select action from audit_log where account_id = ${accountId} order by at desc limit ${ACTIONS_FROM}
    ) recent order by action`;
  return rows.map(r => r.action);
}

/** Each entry's subject under the name of its kind (subjectTicket, subjectWalk …), looked up once per kind. */
async function subjectsOf(sql: Sql, accountId: string, entries: readonly EntryRow[]) {
  const ids = (type: string) => [...new Set(entries.filter(e => e.subject_type === type).map(e => e.subject_id))];
  const lookup = async <R extends {id: string}>(type: string, read: (ids: string[]) => Promise<readonly R[]>) => {
    const wanted = ids(type);
    return new Map((wanted.length ? await read(wanted) : []).map(r => [r.id, r] as const));
  };
  const [members, tickets, walks, handoffs, laneItems, flows, invites] = await Promise.all([
    lookup('member', w => sql<{id: string; name: string}[]>`select id, name from member where account_id = ${accountId} and id in ${sql(w)}`),
    lookup('ticket', w => sql<{id: string; ref: string | null}[]>`select id, ref from ticket where account_id = ${accountId} and id in ${sql(w)}`),
    lookup(
      'walk',
      w => sql<({id: string} & TicketRow)[]>`
        select w.id, t.id as ticket_id, t.ref from walk w left join ticket t on t.id = w.ticket_id and t.account_id = w.account_id
        where w.account_id = ${accountId} and w.id in ${sql(w)}`,
    ),
    lookup(
      'handoff',
      w => sql<({id: string} & TicketRow)[]>`
        select h.id, t.id as ticket_id, t.ref from handoff h left join ticket t on t.id = h.ticket_id and t.account_id = h.account_id
        where h.account_id = ${accountId} and h.id in ${sql(w)}`,
    ),
    lookup(
      'task_lane_item',
      w => sql<({id: string; text: string; walk_id: string | null} & TicketRow)[]>`
        select i.id, i.text, wk.id as walk_id, t.id as ticket_id, t.ref from task_lane_item i
        left join walk wk on wk.id = i.walk_id and wk.account_id = i.account_id
        left join ticket t on t.id = wk.ticket_id and t.account_id = i.account_id
        where i.account_id = ${accountId} and i.id in ${sql(w)}`,
    ),
    lookup('flow', w => sql<{id: string; title: string}[]>`select id, title from flow where account_id = ${accountId} and id in ${sql(w)}`),
    lookup('invite', w => sql<{id: string; email: string}[]>`select id, email from invite where account_id = ${accountId} and id in ${sql(w)}`),
  ]);
  return (type: string, id: string): Partial<AuditEntry> => {
    switch (type) {
      case 'member': {
        const m = members.get(id);
        return m ? {subjectMember: {id: m.id, name: m.name}} : {};
      }
      case 'ticket': {
        const t = tickets.get(id);
        return t ? {subjectTicket: {id: t.id, ref: t.ref}} : {};
      }
      case 'walk': {
        const w = walks.get(id);
        return w ? {subjectWalk: {id: w.id, ticket: ticketOf(w)}} : {};
      }
      case 'handoff': {
        const h = handoffs.get(id);
        return h ? {subjectHandoff: {id: h.id, ticket: ticketOf(h)}} : {};
      }
      case 'task_lane_item': {
        const i = laneItems.get(id);
        return i ? {subjectLaneItem: {id: i.id, text: i.text, walk: i.walk_id ? {id: i.walk_id, ticket: ticketOf(i)} : undefined}} : {};
      }
      case 'flow': {
        const f = flows.get(id);
        return f ? {subjectFlow: {id: f.id, title: f.title}} : {};
      }
      case 'invite': {
        const i = invites.get(id);
        return i ? {subjectInvite: {email: i.email}} : {};
      }
      default:
        return {};
    }
  };
}
