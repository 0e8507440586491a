import {TicketSearch} from './TicketSearch.tsx';

/** /tickets — find any ticket of the account. */
export function TicketsPage() {
  return (
    <div className="page">
      <h1>Tickets</h1>
      <TicketSearch />
    </div>
  );
}
