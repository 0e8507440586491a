import type {InboxEntry} from '../../../schema/index.ts';
import {titleOfTicket} from '../../../rules/ticket-title.ts';

/** An inbox entry with what its sentence names (queries/inbox.ts `inbox.mine`). */
export type InboxItem = InboxEntry & {
  handoff?:
    | {
        id: string;
        walk_id: string;
        status: string;
        reason_category: string;
        claimed_by?: string | null | undefined;
        ticket?: {id: string; ref?: string | null | undefined; title?: string | null | undefined; problem_statement: string} | undefined;
        escalator?: {name: string} | undefined;
      }
    | undefined;
};

const clip = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** "Lee Linden escalated NW-1042: “VPN drops every hour” (Out of L1 scope)", and what happened since. */
export function inboxSentence(item: InboxItem, selfId: string): string {
  const h = item.handoff;
  if (!h) return 'An escalation you were told about';
  const who = h.escalator?.name ?? 'Someone';
  const ticket = h.ticket?.ref ?? 'a ticket';
  const title = h.ticket ? titleOfTicket(h.ticket, '') : '';
  const problem = title ? `: “${clip(title)}”` : '';
  const since =
    h.status === 'claimed'
      ? h.claimed_by === selfId
        ? ' — you picked it up'
        : ' — picked up'
      : h.status === 'resolved'
        ? ' — resolved'
        : h.status === 'released'
          ? ' — back in the queue'
          : '';
  return `${who} escalated ${ticket}${problem} (${h.reason_category})${since}`;
}

/**
 * Where the entry leads: an escalation still in the queue opens its handoff
 * (the context screen, to pick it up); one that moved on opens its walk.
 */
export function inboxHref(item: InboxItem): string {
  const h = item.handoff;
  if (!h) return '/queue';
  return h.status === 'open' ? `/handoffs/${h.id}` : `/walks/${h.walk_id}`;
}
