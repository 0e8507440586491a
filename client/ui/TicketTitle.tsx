import {titleOfTicket} from '../../rules/ticket-title.ts';
import {Link} from '../app/router.tsx';
import {Clamp} from './Clamp.tsx';
import {TicketRef} from './TicketRef.tsx';

type TicketLike = {id: string; ref?: string | null; title?: string | null; problem_statement?: string | null};

/** The ticket's full problem statement when it says more than its title, else null. */
export function problemBeyondTitle(ticket: TicketLike | null | undefined): string | null {
  const problem = ticket?.problem_statement?.trim();
  if (!problem) return null;
  return problem.replace(/\s+/g, ' ') === titleOfTicket(ticket) ? null : problem;
}

/**
 * A ticket in a card or a list: its number and short title (clamped), the
 * full problem statement one click away ("Show all" reveals it below; its
 * tooltip until then). Inside a control (`expandable` false, a queue card)
 * the tooltip and what the control opens carry it.
 */
export function TicketTitle({
  ticket,
  href,
  fallback = 'Ticket',
  refLink = true,
  showRef = true,
  expandable = true,
  className = 'row-title',
  lines = 2,
}: {
  ticket: TicketLike | null | undefined;
  /** Where the title links (the ticket's walk, its page); none: plain text. */
  href?: string;
  fallback?: string;
  refLink?: boolean;
  /** false where the number is shown elsewhere (a queue card's meta line). */
  showRef?: boolean;
  expandable?: boolean;
  className?: string;
  lines?: number;
}) {
  const title = titleOfTicket(ticket, fallback);
  const problem = problemBeyondTitle(ticket);
  return (
    <Clamp
      as={expandable ? 'div' : 'span'}
      className={className}
      lines={lines}
      expandable={expandable}
      fullText={problem ?? undefined}
      more={problem ? <p className="ticket-problem-full">{problem}</p> : undefined}
    >
      {ticket && showRef && <TicketRef ticket={ticket} link={refLink} />}
      {href ? <Link href={href}>{title}</Link> : title}
    </Clamp>
  );
}

/**
 * Under a ticket's heading (its page, the walker, a handoff): the full
 * problem statement when it says more than the title, clamped, "Show all"
 * beside it.
 */
export function TicketProblem({ticket, lines = 2}: {ticket: TicketLike | null | undefined; lines?: number}) {
  const problem = problemBeyondTitle(ticket);
  if (!problem) return null;
  return (
    <Clamp as="p" className="ticket-problem" lines={lines} data-testid="ticket-problem-full">
      {problem}
    </Clamp>
  );
}
