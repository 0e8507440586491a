import {useQuery} from '@rocicorp/zero/react';
import {pageQueries} from '../../zero/page-queries.ts';
import {CustomerTickets} from '../customers/CustomerTickets.tsx';

/**
 * While a customer name is typed at intake: the account's known customers
 * that match (pick one to fill name and contact), and once the name is a
 * known customer, its recent tickets and how they turned out.
 */
export function CustomerSuggestions({name, onPick}: {name: string; onPick: (name: string, contact: string) => void}) {
  const typed = name.trim();
  const [matches] = useQuery(pageQueries.intakeCustomer(typed).matches, {enabled: typed.length > 0});
  const known = matches.find(c => c.name.toLowerCase() === typed.toLowerCase());
  const [customer] = useQuery(pageQueries.intakeCustomer(typed, known?.id).customer, {enabled: !!known});
  if (!typed) return null;
  const others = matches.filter(c => c !== known);
  return (
    <div className="stack" data-testid="customer-suggestions">
      {others.length > 0 && (
        <ul className="suggestions" aria-label="Known customers">
          {others.map(c => (
            <li key={c.id}>
              <button type="button" onClick={() => onPick(c.name, c.contacts[0]?.contact ?? '')}>
                {c.name}
                {c.contacts[0] ? <span className="muted"> · {c.contacts[0].contact}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      )}
      {known && customer && (
        <div className="stack">
          <span className="muted">Recent tickets of {customer.name}</span>
          <CustomerTickets tickets={customer.tickets} label={`Recent tickets of ${customer.name}`} />
        </div>
      )}
    </div>
  );
}
