import {TicketTitle} from '../../ui/TicketTitle.tsx';

type Walk = {id: string; ticket?: {id: string; ref?: string | null; title?: string | null; problem_statement?: string | null} | null | undefined};

/** A walk in a list: its ticket's number and title (clamped, the full problem behind "Show all"), linking to the walk. */
export function WalkTitle({walk}: {walk: Walk}) {
  return <TicketTitle ticket={walk.ticket} href={`/walks/${walk.id}`} fallback="Walk" />;
}
