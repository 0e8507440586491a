import {useQuery} from '@rocicorp/zero/react';
import {queries} from '../../../queries/index.ts';
import {StatusBadge} from '../../ui/StatusBadge.tsx';
import {ago} from '../../ui/time.ts';
import {useNow} from '../../ui/useNow.ts';

/** One walk: the call, where it stands, and the path walked so far; live. */
export function WalkPage({walkId}: {walkId: string}) {
  const [walk, details] = useQuery(queries.walk.byId({walkId}));
  const now = useNow();
  if (!walk) {
    return (
      <div className="page">
        <p className="empty">{details.type === 'complete' ? 'This walk does not exist or is not yours to see.' : 'Loading walk…'}</p>
      </div>
    );
  }
  const ticket = walk.ticket;
  return (
    <div className="page">
      <div className="page-head">
        <h1 data-testid="walk-problem">{ticket?.problem_statement ?? 'Walk'}</h1>
        <StatusBadge status={walk.status} />
      </div>
      <p className="muted">
        {ticket?.customer_name ?? 'Unknown caller'}
        {ticket?.customer_contact ? ` · ${ticket.customer_contact}` : ''} · driven by {walk.driver?.name ?? 'someone'} · started{' '}
        {ago(walk.started_at, now)}
        {walk.flow ? ` · flow: ${walk.flow.title}` : walk.proposal ? ` · proposal: ${walk.proposal.title}` : ' · free-form'}
      </p>
      <section className="card" aria-labelledby="path-title">
        <h2 id="path-title">Path so far</h2>
        {walk.steps.length === 0 ? (
          <p className="empty">No steps recorded yet.</p>
        ) : (
          <ol className="steps">
            {walk.steps.map(s => (
              <li key={s.id}>
                <div className="row-title">{s.question}</div>
                <div className="row-meta">→ {s.answer}</div>
                {s.note && <div className="note">{s.note}</div>}
              </li>
            ))}
          </ol>
        )}
      </section>
      {walk.session_kind === 'adhoc' && (
        <section className="card" aria-labelledby="notes-title">
          <h2 id="notes-title">Notes</h2>
          <pre className="notes">{walk.notes || 'No notes yet.'}</pre>
        </section>
      )}
    </div>
  );
}
