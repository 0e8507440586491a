import {TicketRef} from '../../ui/TicketRef.tsx';
import {Clamp} from '../../ui/Clamp.tsx';
import {TicketProblem} from '../../ui/TicketTitle.tsx';
import {titleOfTicket} from '../../../rules/ticket-title.ts';
import {isEngineerOrOwner} from '../../../rules/permissions.ts';
import {mayAddToLane, mayChangeLane} from '../../../mutators/task-lane/lane-walk.ts';
import {mutators} from '../../../mutators/index.ts';
import {Link} from '../../app/router.tsx';
import {StatusBadge} from '../../ui/StatusBadge.tsx';
import {ago} from '../../ui/time.ts';
import {useNow} from '../../ui/useNow.ts';
import {useSession} from '../../zero/session-context.ts';
import {EscalatePanel} from './EscalatePanel.tsx';
import {FlowStep} from './FlowStep.tsx';
import {NotesEditor} from './NotesEditor.tsx';
import {PathList} from './PathList.tsx';
import {PresenceBar} from './PresenceBar.tsx';
import {DriverConnection} from './DriverConnection.tsx';
import {ResolvePanel} from './ResolvePanel.tsx';
import {TaskLane} from './TaskLane.tsx';
import {UnsavedDrafts} from './UnsavedDrafts.tsx';
import {draftsBelongTo} from './unsaved-drafts.ts';
import {DriverNotice} from './DriverNotice.tsx';
import {ParkControl} from './ParkControl.tsx';
import {usePresence} from './usePresence.ts';
import {useWalkPage} from './useWalkPage.ts';
import {useChange} from '../../offline/use-change.ts';
import './walker.css';
import {FormError} from '../../ui/FormError.tsx';
import {handoffStory, latestEscalation} from './handoff-story.ts';

/**
 * One walk, live for everyone looking at it: the driver walks the flow (or
 * keeps notes), works the task lane and resolves or escalates; watchers see
 * every step and keystroke batch, whisper into the lane, and may take over.
 */
export function WalkerView({walkId}: {walkId: string}) {
  const {context} = useSession();
  draftsBelongTo(context.userId);
  const [walk, details] = useWalkPage(walkId);
  const {run, error} = useChange();
  const now = useNow();
  usePresence(walkId);

  if (!walk) {
    return (
      <div className="page">
        <p className="empty">{details.type === 'complete' ? 'This walk does not exist or is not yours to see.' : 'Loading walk…'}</p>
      </div>
    );
  }
  const ticket = walk.ticket;
  const driving = walk.driver_user_id === context.userId;
  const active = walk.status === 'active';
  const tree = walk.flow?.definition ?? walk.proposal?.definition;
  const answered = walk.steps.filter(s => s.kind === 'answer').length - walk.steps.filter(s => s.kind === 'back').length;
  const myHandoff = walk.handoffs.find(h => h.status === 'claimed' && h.claimed_by === context.userId);
  const escalation = latestEscalation(walk.handoffs);
  const story = escalation && handoffStory(escalation, now);
  const fromQueue = walk.handoffs.some(h => h.status === 'claimed');
  const canLane = active && mayChangeLane(walk, context);
  const canAddToLane = active && mayAddToLane(walk, context);

  return (
    <div className="page walker">
      <div className="page-head">
        <Clamp as="h1" data-testid="walk-problem" lines={3}>
          {titleOfTicket(ticket, 'Walk')}
        </Clamp>
        <StatusBadge status={walk.status} />
      </div>
      <TicketProblem ticket={ticket} />
      <div className="walk-meta">
        <p className="muted">
          <TicketRef ticket={ticket} />
          {ticket?.customer_name ?? 'Unknown caller'}
          {ticket?.customer_contact ? ` · ${ticket.customer_contact}` : ''} · driven by {driving ? 'you' : (walk.driver?.name ?? 'someone')} · started{' '}
          {ago(walk.started_at, now)}
          {walk.flow ? ` · flow: ${walk.flow.title}` : walk.proposal ? ` · proposal: ${walk.proposal.title}` : ' · free-form'}
        </p>
        <PresenceBar viewers={walk.presence} selfId={context.userId} />
      </div>
      {active && <DriverConnection viewers={walk.presence} driverId={walk.driver_user_id} driverName={walk.driver?.name} selfId={context.userId} />}
      {active && (
        <DriverNotice
          walkId={walkId}
          selfId={context.userId}
          driverId={walk.driver_user_id}
          startedBy={walk.started_by}
          driver={walk.driver}
          starter={walk.starter}
          fromQueue={fromQueue}
        />
      )}
      {story && !myHandoff && walk.status !== 'resolved' && (
        <p className="notice" role="status" data-testid="escalation-story">
          {walk.status === 'escalated' ? 'Escalated to the handoff queue. ' : ''}
          {story}
        </p>
      )}
      {myHandoff && (
        <div className="notice stack">
          <span>
            You picked this up from the queue. <Link href={`/handoffs/${myHandoff.id}`}>Reopen the handoff context</Link>
          </span>
          {myHandoff.package?.nextSteps && (
            <div className="chips" role="group" aria-label="Suggested steps" data-testid="suggested-steps">
              {myHandoff.package.nextSteps.map((step, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a list of texts that is only ever replaced whole, never reordered; texts may repeat
                <span key={i} className="chip">
                  {step}
                </span>
              ))}
            </div>
          )}
        </div>
      )}
      {active && !driving && isEngineerOrOwner(context) && (
        <div className="row">
          <span className="muted">You're watching.</span>
          <button type="button" className="btn btn-small" onClick={() => void run(mutators.walk.takeOver({walkId, expectedDriverId: walk.driver_user_id}))}>
            Take over
          </button>
        </div>
      )}
      {active && <ParkControl walkId={walkId} handoffs={walk.handoffs} driving={driving} />}
      <FormError message={error} />
      {walk.status === 'resolved' && (
        <div className="notice stack" role="status" data-testid="walk-resolved">
          <span>
            Resolved{walk.helpful === false ? ' (not helpful)' : ''}.{escalation?.status === 'resolved' && story ? ` ${story}` : ''}
          </span>
          {walk.resolution_notes && <div className="resolution-notes">{walk.resolution_notes}</div>}
        </div>
      )}
      {walk.status === 'escalated' && !story && (
        <p className="notice" role="status">
          Escalated to the handoff queue.
        </p>
      )}
      {walk.status === 'abandoned' && <p className="notice">Abandoned after 24 hours without activity.</p>}

      <div className="walker-grid">
        <div className="stack">
          {tree && active && driving && <FlowStep walkId={walkId} definition={tree} currentNodeId={walk.current_node_id} canGoBack={answered > 0} />}
          {tree && active && !driving && (
            <section className="card" data-testid="current-node" data-node-id={walk.current_node_id ?? ''}>
              <span className="node-kind">Now at</span>
              <h2 className="node-text">{tree.nodes.find(n => n.id === walk.current_node_id)?.text ?? '…'}</h2>
            </section>
          )}
          {active && driving ? (
            <NotesEditor walkId={walkId} notes={walk.notes} />
          ) : (
            (walk.session_kind === 'adhoc' || walk.notes) && (
              <section className="card" aria-labelledby="notes-title">
                <h2 id="notes-title">Notes</h2>
                <pre className="notes" data-testid="notes-view">
                  {walk.notes || 'No notes yet.'}
                </pre>
              </section>
            )
          )}
          {active && !driving && <UnsavedDrafts walkId={walkId} savedNotes={walk.notes} canAddToLane={canAddToLane} />}
          <PathList steps={walk.steps} />
          {active && driving && (
            <div className="grid-2 even">
              <ResolvePanel walkId={walkId} generated={walk.generated.find(g => g.kind === 'resolution_note')} stateVersion={walk.state_version} />
              <EscalatePanel walkId={walkId} lane={walk.lane} />
            </div>
          )}
        </div>
        <TaskLane walkId={walkId} items={walk.lane} driverId={walk.driver_user_id} canChange={canLane} canAdd={canAddToLane} />
      </div>
    </div>
  );
}
