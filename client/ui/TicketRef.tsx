import {Link} from '../app/router.tsx';

/**
 * A ticket's readable number (`NW-1042`), linking to its page. Until the
 * server has numbered a ticket taken here, it reads "pending".
 */
export function TicketRef({ticket, link = true}: {ticket: {id: string; ref?: string | null} | undefined | null; link?: boolean}) {
  if (!ticket) return null;
  const label = ticket.ref ?? 'pending';
  const className = ticket.ref ? 'ticket-ref' : 'ticket-ref ticket-ref-pending';
  const title = ticket.ref ? undefined : 'The server numbers this ticket when it receives it';
  return link ? (
    <Link href={`/tickets/${ticket.id}`} className={className} title={title} data-testid="ticket-ref">
      {label}
    </Link>
  ) : (
    <span className={className} title={title} data-testid="ticket-ref">
      {label}
    </span>
  );
}
