import {pageQueries} from '../../zero/page-queries.ts';
import {TicketList} from './TicketList.tsx';

export function TicketsPage() {
  return (
    <div className="page">
      <h1>Tickets</h1>
      <TicketList title="All tickets" tickets={pageQueries.tickets().tickets} />
    </div>
  );
}
