import type {Member, Ticket} from '../../../schema/index.ts';
import {StatusBadge} from '../../ui/StatusBadge.tsx';
import {TicketTitle} from '../../ui/TicketTitle.tsx';
import {ago} from '../../ui/time.ts';
import {useNow} from '../../ui/useNow.ts';

/** A customer's tickets, newest first, with how each turned out. */
export function CustomerTickets({tickets, label}: {tickets: readonly (Ticket & {assignee?: Member})[]; label: string}) {
  const now = useNow();
  if (tickets.length === 0) return <p className="empty">No tickets yet.</p>;
  return (
    <ul className="list" aria-label={label} data-testid="customer-tickets">
      {tickets.map(t => (
        <li key={t.id} className="list-row">
          <div className="grow">
            <TicketTitle ticket={t} />
            <div className="row-meta">
              {ago(t.created_at, now)}
              {t.closed_reason ? ` · closed: ${t.closed_reason}` : t.resolution_notes ? ` · ${t.resolution_notes.slice(0, 140)}` : ''}
            </div>
          </div>
          <StatusBadge status={t.status} />
        </li>
      ))}
    </ul>
  );
}
