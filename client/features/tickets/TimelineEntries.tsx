import type {Flow, FlowProposal, Handoff, Member, TaskLaneItem, Walk, WalkStep} from '../../../schema/index.ts';
import {Link} from '../../app/router.tsx';
import {StatusBadge} from '../../ui/StatusBadge.tsx';
import {stepsWithUndone} from './ticket-timeline.ts';

/** A moment as people read it on a history: "Mon 30 Nov, 14:05". */
export function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, {weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit'});
}

type WalkWithHistory = Walk & {
  driver?: Member;
  flow?: Flow;
  proposal?: FlowProposal;
  steps: readonly WalkStep[];
  lane: readonly (TaskLaneItem & {author?: Member})[];
};

const FIX_OUTCOME: Record<string, string> = {
  proposed: 'proposed',
  applied_pending: 'applied, waiting to verify',
  applied_success: 'worked',
  applied_failed: 'did not work',
  applied_partial: 'partly worked',
  dismissed: 'dismissed',
};

/** One walk on a ticket's history: who, which flow, each step (undone ones struck through), notes, task lane, fixes and how it ended. */
export function WalkEntry({walk}: {walk: WalkWithHistory}) {
  const lane = walk.lane.filter(i => !i.deleted_at);
  return (
    <li data-testid="timeline-walk" data-walk-id={walk.id}>
      <div className="row-title">
        <span className="when">{when(walk.started_at)}</span>
        Walk by {walk.driver?.name ?? 'someone'} · {walk.flow ? walk.flow.title : walk.proposal ? `proposal: ${walk.proposal.title}` : 'free-form'}{' '}
        <StatusBadge status={walk.status} /> <Link href={`/walks/${walk.id}`}>open</Link>
      </div>
      {walk.steps.length > 0 && (
        <ol className="steps">
          {stepsWithUndone(walk.steps).map(s =>
            s.kind === 'back' ? (
              <li key={s.id} className="step-back">
                ↩ Stepped back
              </li>
            ) : (
              <li key={s.id} className={s.undone ? 'undone' : undefined} data-undone={s.undone || undefined}>
                {s.question} → {s.answer}
                {s.undone ? ' (undone)' : ''}
                {s.note && <div className="note">{s.note}</div>}
              </li>
            ),
          )}
        </ol>
      )}
      {walk.notes && <pre className="notes">{walk.notes}</pre>}
      {lane.length > 0 && (
        <ul className="list" aria-label="Task lane">
          {lane.map(i => (
            <li key={i.id} className="row-meta">
              {i.kind === 'suggested_fix' ? 'Fix' : i.kind}: {i.text}
              {i.answer ? ` → ${i.answer}` : ''}
              {i.kind === 'suggested_fix' && i.outcome ? ` — ${FIX_OUTCOME[i.outcome] ?? i.outcome}` : ` (${i.state})`}
              {i.outcome_note ? `: ${i.outcome_note}` : ''}
            </li>
          ))}
        </ul>
      )}
      {walk.ended_at && (
        <div className="row-meta">
          <span className="when">{when(walk.ended_at)}</span>
          Ended {walk.status}
          {walk.helpful === false ? ' (not helpful)' : ''}
          {walk.resolution_notes ? `: ${walk.resolution_notes}` : ''}
        </div>
      )}
    </li>
  );
}

type HandoffWithPeople = Handoff & {escalator?: Member; claimer?: Member};

/** One escalation on a ticket's history: escalated by whom and why, claimed, released, resolved. */
export function HandoffEntry({handoff}: {handoff: HandoffWithPeople}) {
  return (
    <li data-testid="timeline-handoff" data-handoff-id={handoff.id}>
      <div className="row-title">
        <span className="when">{when(handoff.escalated_at)}</span>
        Escalated by {handoff.escalator?.name ?? 'someone'}: {handoff.reason_category}
        {handoff.details ? ` — ${handoff.details}` : ''} <StatusBadge status={handoff.status} />
      </div>
      {handoff.claimed_at && (
        <div className="row-meta">
          <span className="when">{when(handoff.claimed_at)}</span>
          Claimed by {handoff.claimer?.name ?? 'an engineer'}
        </div>
      )}
      {handoff.released_at && (
        <div className="row-meta">
          <span className="when">{when(handoff.released_at)}</span>
          Released back to the queue
        </div>
      )}
      {handoff.resolved_at && (
        <div className="row-meta">
          <span className="when">{when(handoff.resolved_at)}</span>
          Resolved
        </div>
      )}
    </li>
  );
}
