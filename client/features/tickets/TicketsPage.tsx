import {TicketList} from './TicketList.tsx';

export function TicketsPage() {
  return (
    <div className="page">
      <h1>Tickets</h1>
      <TicketList title="All tickets" limit={300} />
    </div>
  );
}
