import {useQuery} from '@rocicorp/zero/react';
import {queries} from '../../../queries/index.ts';
import {CustomerTickets} from '../customers/CustomerTickets.tsx';

/**
 * While a customer name is typed at intake: the account's known customers
 * that match (pick one to fill name and contact), and once the name is a
 * known customer, its recent tickets and how they turned out.
 */
export function CustomerSuggestions({name, onPick}: {name: string; onPick: (name: string, contact: string) => void}) {
  const typed = name.trim();
  const [matches] = useQuery(queries.customer.search({text: typed, limit: 6}), {enabled: typed.length > 0});
  const known = matches.find(c => c.name.toLowerCase() === typed.toLowerCase());
  const [customer] = useQuery(queries.customer.byId({customerId: known?.id ?? '', limit: 5}), {enabled: !!known});
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
