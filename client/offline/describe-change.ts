import type {OutboxEntry} from './outbox-journal.ts';

type Args = Record<string, unknown>;
type Description = Pick<OutboxEntry, 'label' | 'text' | 'walkId' | 'coalesceKey'>;

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const quote = (v: unknown, max = 60) => {
  const s = str(v);
  if (!s) return '';
  return ` “${s.length > max ? `${s.slice(0, max - 1)}…` : s}”`;
};

/** How a change reads in the outbox: its label, the typed text it carries, its walk. */
export function describeChange(name: string, rawArgs: unknown): Description {
  const a = (rawArgs ?? {}) as Args;
  const walkId = str(a.walkId);
  switch (name) {
    case 'ticket.startWalk':
      return {label: 'Started a new walk on the ticket', walkId};
    case 'ticket.reopen':
      return {label: 'Reopened the ticket'};
    case 'ticket.close':
      return {label: 'Closed the ticket', text: str(a.reason)};
    case 'walk.recordStep':
      return {label: 'Step answered', text: str(a.note), walkId};
    case 'walk.stepBack':
      return {label: 'Stepped back', walkId};
    case 'walk.updateNotes':
      return {label: 'Notes', text: str(a.notes), walkId, coalesceKey: `notes:${walkId}`};
    case 'walk.resolve':
      return {label: 'Resolved the walk', text: str(a.resolutionNotes), walkId};
    case 'walk.escalate':
      return {label: 'Escalated the walk', text: str(a.details), walkId};
    case 'walk.park':
      return {label: 'Parked the walk', text: str(a.note), walkId};
    case 'walk.unpark':
      return {label: 'Picked the walk up again', walkId};
    case 'walk.takeOver':
      return {label: 'Took over the walk', walkId};
    case 'walk.handBack':
      return {label: 'Handed the walk back', walkId};
    case 'taskLane.add':
      return {label: `Task lane item${quote(a.text)}`, text: str(a.text), walkId};
    case 'taskLane.answer':
      return {label: `Answer${quote(a.answer)}`, text: str(a.answer)};
    case 'taskLane.edit':
      return {label: `Task lane edit${quote(a.text)}`, text: str(a.text)};
    default:
      return {label: name.replace('.', ': ').replace(/([A-Z])/g, ' $1').toLowerCase(), walkId};
  }
}
