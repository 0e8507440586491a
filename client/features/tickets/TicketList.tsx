import {useQuery} from '@rocicorp/zero/react';
import {TicketTitle} from '../../ui/TicketTitle.tsx';
import {useState} from 'react';
import type {pageQueries} from '../../zero/page-queries.ts';
import {TICKET_STATUSES} from '../../../schema/index.ts';
import {StatusBadge} from '../../ui/StatusBadge.tsx';
import {ago} from '../../ui/time.ts';
import {useNow} from '../../ui/useNow.ts';
import {handoffStory, latestEscalation} from '../walk/handoff-story.ts';

/**
 * The account's tickets, newest first, filterable by status; live. `tickets`
 * is the page's query (pageQueries.home().tickets).
 */
export function TicketList({title = 'Ticket queue', tickets: query}: {title?: string; tickets: ReturnType<typeof pageQueries.home>['tickets']}) {
  const [status, setStatus] = useState<string>('all');
  const [tickets, details] = useQuery(query);
  const now = useNow();
  const shown = status === 'all' ? tickets : tickets.filter(t => t.status === status);

  return (
    <section className="card" aria-labelledby="tickets-title">
      <div className="card-head">
        <h2 id="tickets-title">{title}</h2>
        <div className="segmented" role="group" aria-label="Filter by status">
          {['all', ...TICKET_STATUSES].map(s => (
            <button type="button" key={s} className={s === status ? 'seg active' : 'seg'} aria-pressed={s === status} onClick={() => setStatus(s)}>
              {s}
            </button>
          ))}
        </div>
      </div>
      {shown.length === 0 ? (
        <p className="empty">{details.type === 'complete' ? 'No tickets here yet.' : 'Loading…'}</p>
      ) : (
        <ul className="list" data-testid="ticket-list">
          {shown.map(t => {
            const walk = t.walks[0];
            const escalation = latestEscalation(t.walks.flatMap(w => w.handoffs));
            const story = escalation && handoffStory(escalation, now);
            return (
              <li key={t.id} className="list-row" data-ticket-id={t.id}>
                <div className="grow">
                  <TicketTitle ticket={t} href={walk ? `/walks/${walk.id}` : undefined} />
                  <div className="row-meta">
                    {t.customer_name ?? 'Unknown caller'} · taken by {t.creator?.name ?? 'someone'} · {ago(t.created_at, now)}
                  </div>
                  {story && (
                    <div className="row-meta" data-testid="escalation-story">
                      {story}
                    </div>
                  )}
                </div>
                <StatusBadge status={t.status} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
