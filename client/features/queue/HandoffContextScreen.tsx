import {useConnectionState, useQuery, useZero} from '@rocicorp/zero/react';
import {Clamp} from '../../ui/Clamp.tsx';
import {TicketProblem} from '../../ui/TicketTitle.tsx';
import {titleOfTicket} from '../../../rules/ticket-title.ts';
import {TicketRef} from '../../ui/TicketRef.tsx';
import {useRef, useState} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {pageQueries} from '../../zero/page-queries.ts';
import {navigate} from '../../app/router.tsx';
import {ago} from '../../ui/time.ts';
import {useNow} from '../../ui/useNow.ts';
import {useSession} from '../../zero/session-context.ts';
import {alreadyClaimedText, claimRefusal, type ClaimRefusal} from './claim-error.ts';
import {PackageEditor} from './PackageEditor.tsx';
import {PackageView} from './PackageView.tsx';
import {FormError} from '../../ui/FormError.tsx';
import {Modal} from '../../ui/Modal.tsx';
import {useChange} from '../../offline/use-change.ts';

/**
 * One frame with everything a claimer needs: the package, the assessment,
 * "Pick up" before the claim and "Start here" after it, plus release and
 * resolve for the holder.
 */
export function HandoffContextScreen({handoffId, onClose}: {handoffId: string; onClose?: () => void}) {
  const zero = useZero();
  const {context} = useSession();
  const [handoff, details] = useQuery(pageQueries.handoff(handoffId).handoff);
  const [refusal, setRefusal] = useState<ClaimRefusal | null>(null);
  // From "Pick up" until the server has answered: the optimistic claim is not a win yet.
  const [claiming, setClaiming] = useState(false);
  const {run, error} = useChange();
  const [notes, setNotes] = useState('');
  const [editing, setEditing] = useState(false);
  const [resolving, setResolving] = useState(false);
  const resolveButton = useRef<HTMLButtonElement>(null);
  const now = useNow(1000);
  const connected = useConnectionState().name === 'connected';

  if (!handoff) {
    return <p className="empty">{details.type === 'complete' ? 'This handoff does not exist or is not yours to see.' : 'Loading handoff…'}</p>;
  }
  // Only a claim the server confirmed is the caller's to work: never "Start here" on an optimistic one.
  const mine = handoff.status === 'claimed' && handoff.claimed_by === context.userId && !claiming;

  const pickUp = async () => {
    if (claiming) return;
    setRefusal(null);
    setClaiming(true);
    try {
      // Not through the outbox (use-change.ts), deliberately: a claim is a
      // race decided now, never journaled to be replayed hours later, and
      // the loser is told who won from the server's refusal itself.
      const write = zero.mutate(mutators.handoff.claim({handoffId}));
      setRefusal(claimRefusal(await write.server));
    } finally {
      setClaiming(false);
    }
  };

  return (
    <article className="handoff-context stack" aria-labelledby={`handoff-${handoff.id}`} data-testid="handoff-context">
      <div className="page-head">
        <Clamp as="h2" id={`handoff-${handoff.id}`} lines={4}>
          {titleOfTicket(handoff.ticket, 'Escalation')}
        </Clamp>
        <span className="badge badge-warn">{handoff.reason_category}</span>
        {onClose && (
          <button type="button" className="btn btn-quiet" onClick={onClose} aria-label="Close">
            Close
          </button>
        )}
      </div>
      <TicketProblem ticket={handoff.ticket} lines={3} />
      <p className="row-meta">
        <TicketRef ticket={handoff.ticket} />
        {handoff.ticket?.customer_name ?? 'Unknown caller'} · escalated by {handoff.escalator?.name ?? 'someone'} {ago(handoff.escalated_at, now)}
        {handoff.walk?.flow ? ` · flow: ${handoff.walk.flow.title}` : ''}
        {handoff.details ? ` · “${handoff.details}”` : ''}
      </p>
      {/* Stale once the handoff is back in the queue (released): then it can be picked up again. */}
      {refusal && handoff.status !== 'open' && (
        <p className="error" role="alert" data-testid="claim-refused">
          {alreadyClaimedText(refusal, now)}
        </p>
      )}
      <FormError message={error} />
      {claiming && (
        <p className="notice" role="status" data-testid="claiming">
          Claiming…
        </p>
      )}
      {handoff.status === 'open' && !claiming && (
        <div className="row">
          {/* A claim is a race decided now: it is never queued to be decided hours later. */}
          <button type="button" className="btn btn-primary" onClick={() => void pickUp()} disabled={!connected}>
            Pick up
          </button>
          {!connected && <span className="muted">Picking up needs a connection: someone else may be picking it up.</span>}
        </div>
      )}
      {/* A loser reads one message: the refusal names the holder already. */}
      {handoff.status === 'claimed' && handoff.claimed_by !== context.userId && !claiming && !refusal?.holderName && (
        <p className="notice">
          Picked up by {handoff.claimer?.name ?? 'someone'} {handoff.claimed_at ? ago(handoff.claimed_at, now) : ''}.
        </p>
      )}
      {mine && (
        <div className="row">
          <button type="button" className="btn btn-primary" onClick={() => navigate(`/walks/${handoff.walk_id}`)}>
            Start here
          </button>
          <button
            type="button"
            className="btn"
            onClick={async () => {
              if (await run(mutators.handoff.release({handoffId}))) onClose?.();
            }}
          >
            Release to queue
          </button>
          <button type="button" className="btn" ref={resolveButton} onClick={() => setResolving(true)}>
            Resolve…
          </button>
        </div>
      )}
      {mine && handoff.package?.nextSteps && (
        <div className="chips" role="group" aria-label="Suggested steps">
          {handoff.package.nextSteps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a list of texts that is only ever replaced whole, never reordered; texts may repeat
            <span key={i} className="chip">
              {s}
            </span>
          ))}
        </div>
      )}
      {editing && handoff.package ? (
        <PackageEditor handoffId={handoff.id} pkg={handoff.package} onDone={() => setEditing(false)} />
      ) : (
        <>
          <PackageView pkg={handoff.package} assessment={handoff.assessment} writer={handoff.package_writer} />
          {handoff.package_edited_at && <p className="row-meta">Edited by a person {ago(handoff.package_edited_at, now)}.</p>}
          {handoff.package && handoff.status !== 'resolved' && (
            <div>
              <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
                Edit package
              </button>
            </div>
          )}
        </>
      )}
      {mine && resolving && (
        // The note is written wide, in its own dialog, not in a narrow field under the package.
        <Modal labelledBy={`resolve-${handoff.id}`} onClose={() => setResolving(false)} returnFocusTo={resolveButton} wide>
          <form
            className="stack"
            onSubmit={async e => {
              e.preventDefault();
              e.stopPropagation();
              if (await run(mutators.handoff.resolve({handoffId, resolutionNotes: notes}))) {
                setNotes('');
                setResolving(false);
              }
            }}
          >
            <h3 id={`resolve-${handoff.id}`}>Resolve “{titleOfTicket(handoff.ticket, 'this escalation')}”</h3>
            <label className="field">
              <span>Resolution notes</span>
              <textarea rows={14} value={notes} onChange={e => setNotes(e.target.value)} maxLength={20000} data-autofocus="" />
            </label>
            <FormError message={error} />
            <div className="row">
              <button className="btn btn-primary" type="submit">
                Resolve handoff
              </button>
              <button className="btn" type="button" onClick={() => setResolving(false)}>
                Cancel
              </button>
            </div>
          </form>
        </Modal>
      )}
    </article>
  );
}
