import {Link} from '../../app/router.tsx';
import {TicketRef} from '../../ui/TicketRef.tsx';

type Walk = {id: string; ticket?: {id: string; ref?: string | null; problem_statement?: string | null} | null | undefined};

/** A walk in a list: its ticket and its problem, linking to the walk. */
export function WalkTitle({walk}: {walk: Walk}) {
  return (
    <div className="row-title">
      <TicketRef ticket={walk.ticket} />
      <Link href={`/walks/${walk.id}`}>{walk.ticket?.problem_statement ?? 'Walk'}</Link>
    </div>
  );
}
