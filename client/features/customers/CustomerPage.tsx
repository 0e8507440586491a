import {useQuery} from '@rocicorp/zero/react';
import {pageQueries} from '../../zero/page-queries.ts';
import {CustomerTickets} from './CustomerTickets.tsx';

/** /customers/:id — a customer of the account, its contacts and all its tickets. */
export function CustomerPage({customerId}: {customerId: string}) {
  const [customer, details] = useQuery(pageQueries.customer(customerId).customer);
  if (!customer) {
    return (
      <div className="page">
        <p className="empty">{details.type === 'complete' ? 'This customer does not exist or is not yours to see.' : 'Loading customer…'}</p>
      </div>
    );
  }
  return (
    <div className="page" data-testid="customer-page">
      <h1>{customer.name}</h1>
      {customer.contacts.length > 0 && <p className="muted">Contacts: {customer.contacts.map(c => c.contact).join(' · ')}</p>}
      <section className="card" aria-labelledby="customer-tickets-title">
        <h2 id="customer-tickets-title">Tickets</h2>
        <CustomerTickets tickets={customer.tickets} label={`Tickets of ${customer.name}`} />
      </section>
    </div>
  );
}
