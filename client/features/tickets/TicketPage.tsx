import {useQuery} from '@rocicorp/zero/react';
import {Clamp} from '../../ui/Clamp.tsx';
import {TicketProblem} from '../../ui/TicketTitle.tsx';
import {titleOfTicket} from '../../../rules/ticket-title.ts';
import {useState} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {canUseL1Workspace, canWorkTickets} from '../../../rules/permissions.ts';
import {pageQueries} from '../../zero/page-queries.ts';
import {Link, navigate} from '../../app/router.tsx';
import {FormError} from '../../ui/FormError.tsx';
import {StatusBadge} from '../../ui/StatusBadge.tsx';
import {TicketRef} from '../../ui/TicketRef.tsx';
import {useSession} from '../../zero/session-context.ts';
import {useChange} from '../../offline/use-change.ts';
import {HandoffEntry, WalkEntry, when} from './TimelineEntries.tsx';
import {timelineOf} from './ticket-timeline.ts';

/** /tickets/:id — one ticket's whole history, live, and what can be done with it next. */
export function TicketPage({ticketId}: {ticketId: string}) {
  const {context} = useSession();
  const [ticket, details] = useQuery(pageQueries.ticket(ticketId).ticket);
  const [flows] = useQuery(pageQueries.ticket(ticketId).flows);
  const {run, error} = useChange();
  const [flowId, setFlowId] = useState('');
  const [reason, setReason] = useState('');

  if (!ticket) {
    return (
      <div className="page">
        <p className="empty">{details.type === 'complete' ? 'This ticket does not exist or is not yours to see.' : 'Loading ticket…'}</p>
      </div>
    );
  }
  const liveWalk = ticket.walks.find(w => w.status === 'active');
  const liveHandoff = ticket.handoffs.find(h => h.intent === 'escalate' && (h.status === 'open' || h.status === 'claimed'));
  const nobodyOnIt = !liveWalk && !liveHandoff;
  const timeline = timelineOf(ticket.walks, ticket.handoffs);

  const startWalk = async () => {
    const walkId = crypto.randomUUID();
    const ok = await run(mutators.ticket.startWalk({ticketId, walkId, flowId: flowId || undefined}), {waitForServer: false});
    if (ok) navigate(`/walks/${walkId}`);
  };
  const close = async () => {
    if (await run(mutators.ticket.close({ticketId, reason}))) setReason('');
  };

  return (
    <div className="page" data-testid="ticket-page">
      <div className="page-head">
        <Clamp as="h1" lines={3}>
          <TicketRef ticket={ticket} link={false} />
          <span data-testid="ticket-title">{titleOfTicket(ticket)}</span>
        </Clamp>
        <StatusBadge status={ticket.status} />
      </div>
      <TicketProblem ticket={ticket} lines={3} />
      <section className="card" aria-label="Ticket">
        <dl className="ticket-facts">
          <dt>Customer</dt>
          <dd data-testid="ticket-customer">
            {ticket.customer ? <Link href={`/customers/${ticket.customer.id}`}>{ticket.customer.name}</Link> : (ticket.customer_name ?? 'Unknown caller')}
            {ticket.customer_contact ? ` · ${ticket.customer_contact}` : ''}
          </dd>
          <dt>Assignee</dt>
          <dd>{ticket.assignee?.name ?? 'Unassigned'}</dd>
          <dt>Taken</dt>
          <dd>
            {when(ticket.created_at)} by {ticket.creator?.name ?? 'someone'}
          </dd>
          <dt>Updated</dt>
          <dd>{when(ticket.updated_at)}</dd>
          {ticket.closed_reason && (
            <>
              <dt>Closed</dt>
              <dd data-testid="closed-reason">
                {ticket.closed_at ? when(ticket.closed_at) : ''}: {ticket.closed_reason}
              </dd>
            </>
          )}
        </dl>
      </section>

      <FormError message={error} />
      <section className="card stack" aria-labelledby="next-title">
        <h2 id="next-title">Next</h2>
        {liveWalk && (
          <p>
            A walk is in progress: <Link href={`/walks/${liveWalk.id}`}>open the walk</Link>.
          </p>
        )}
        {liveHandoff && <p>Escalated: the engineers have it{liveHandoff.status === 'claimed' ? ' (claimed)' : ' in the queue'}.</p>}
        {nobodyOnIt && canUseL1Workspace(context) && (
          <div className="row">
            <label className="field grow">
              <span>Flow for the new walk</span>
              <select name="newWalkFlow" value={flowId} onChange={e => setFlowId(e.target.value)}>
                <option value="">No flow: take free-form notes</option>
                {flows
                  .filter(f => f.status === 'published')
                  .map(f => (
                    <option key={f.id} value={f.id}>
                      {f.title}
                    </option>
                  ))}
              </select>
            </label>
            <button type="button" className="btn btn-primary" onClick={() => void startWalk()}>
              Start a new walk
            </button>
          </div>
        )}
        {ticket.status === 'resolved' && canWorkTickets(context) && (
          <button type="button" className="btn" onClick={() => void run(mutators.ticket.reopen({ticketId}))}>
            Reopen ticket
          </button>
        )}
        {ticket.status !== 'resolved' && nobodyOnIt && canWorkTickets(context) && (
          <div className="row">
            <label className="field grow">
              <span>Reason for closing</span>
              <input name="closeReason" value={reason} maxLength={1000} onChange={e => setReason(e.target.value)} placeholder="duplicate, solved elsewhere…" />
            </label>
            <button type="button" className="btn" disabled={!reason.trim()} onClick={() => void close()}>
              Close ticket
            </button>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        {timeline.length === 0 ? (
          <p className="empty">Nothing happened on this ticket yet.</p>
        ) : (
          <ol className="timeline" data-testid="timeline">
            {timeline.map(e =>
              e.kind === 'walk' ? <WalkEntry key={e.walk.id} walk={e.walk as never} /> : <HandoffEntry key={e.handoff.id} handoff={e.handoff as never} />,
            )}
          </ol>
        )}
        {ticket.resolution_notes && (
          <div className="stack" data-testid="resolution-note">
            <h3>Resolution note</h3>
            <p className="note">{ticket.resolution_notes}</p>
          </div>
        )}
      </section>
    </div>
  );
}
