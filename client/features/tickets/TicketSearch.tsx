import {useQuery} from '@rocicorp/zero/react';
import {TicketTitle} from '../../ui/TicketTitle.tsx';
import {useEffect, useState} from 'react';
import {pageQueries} from '../../zero/page-queries.ts';
import {SEARCH_PAGE} from '../../../queries/tickets.ts';
import {TICKET_STATUSES, type TicketStatus} from '../../../schema/index.ts';
import {StatusBadge} from '../../ui/StatusBadge.tsx';
import {ago} from '../../ui/time.ts';
import {useNow} from '../../ui/useNow.ts';
import {useSession} from '../../zero/session-context.ts';

export const TICKET_SEARCH_ID = 'ticket-search';
/** ticket.search's largest page. */
const MAX_SHOWN = 500;

/**
 * One box that finds the account's tickets by number, problem, customer,
 * contact or resolution notes, with status and assignee filters; results
 * follow every keystroke and page on with "Show more" (no silent cap).
 */
export function TicketSearch() {
  const {context} = useSession();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<TicketStatus | ''>('');
  const [assignee, setAssignee] = useState('');
  const [limit, setLimit] = useState(SEARCH_PAGE);
  const page = pageQueries.tickets({
    text: text.trim() || undefined,
    status: status || undefined,
    assigneeId: assignee || undefined,
    limit,
  });
  const [people] = useQuery(page.people);
  const [tickets, details] = useQuery(page.results);
  const now = useNow();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search (text or a filter) starts again at the first page
  useEffect(() => setLimit(SEARCH_PAGE), [text, status, assignee]);
  const complete = details.type === 'complete';

  return (
    <section className="card stack" aria-labelledby="search-title">
      <div className="card-head">
        <h2 id="search-title">Find a ticket</h2>
        <span className="muted">
          Press <kbd>/</kbd> anywhere to search
        </span>
      </div>
      <div className="row">
        <label className="field grow">
          <span className="sr-only">Search tickets</span>
          <input
            id={TICKET_SEARCH_ID}
            type="search"
            autoFocus
            placeholder="NW-1042, customer, contact, a word of the problem or the resolution…"
            value={text}
            maxLength={200}
            onChange={e => setText(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Status</span>
          <select name="status" value={status} onChange={e => setStatus(e.target.value as TicketStatus | '')}>
            <option value="">Any status</option>
            {TICKET_STATUSES.map(s => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Assignee</span>
          <select name="assignee" value={assignee} onChange={e => setAssignee(e.target.value)}>
            <option value="">Anyone</option>
            <option value={context.userId}>Mine</option>
            {people
              .filter(p => p.id !== context.userId)
              .map(p => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
          </select>
        </label>
      </div>
      {tickets.length === 0 ? (
        <p className="empty">{!complete ? 'Searching…' : text.trim() || status || assignee ? 'No ticket matches.' : 'No tickets here yet.'}</p>
      ) : (
        <ul className="list" data-testid="ticket-list" aria-label="Matching tickets">
          {tickets.map(t => (
            <li key={t.id} className="list-row" data-ticket-id={t.id}>
              <div className="grow">
                <TicketTitle ticket={t} href={`/tickets/${t.id}`} />
                <div className="row-meta">
                  {t.customer_name ?? 'Unknown caller'}
                  {t.customer_contact ? ` · ${t.customer_contact}` : ''} · {t.assignee ? `assigned to ${t.assignee.name}` : 'unassigned'} · {ago(t.created_at, now)}
                </div>
              </div>
              <StatusBadge status={t.status} />
            </li>
          ))}
        </ul>
      )}
      {tickets.length >= limit &&
        (limit < MAX_SHOWN ? (
          <button type="button" className="btn" onClick={() => setLimit(l => Math.min(MAX_SHOWN, l + SEARCH_PAGE))}>
            Show more
          </button>
        ) : (
          <p className="muted">Showing the newest {MAX_SHOWN}: add a word or a filter to reach older tickets.</p>
        ))}
    </section>
  );
}
