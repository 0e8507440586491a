import {mutators} from '../../../mutators/index.ts';
import {FormError} from '../../ui/FormError.tsx';
import {useChange} from '../../offline/use-change.ts';

type Person = {name: string} | null | undefined;

/**
 * The take-over handshake (docs/shared-walks.md), said on both screens from the walk row
 * itself: the walk's L1 reads who took over and that they watch now (and may
 * still add to the lane); whoever drives a walk someone else started reads
 * that they drive, and can hand it back. A walk picked up from the queue is
 * told by its handoff instead (released, not handed back).
 */
export function DriverNotice({
  walkId,
  selfId,
  driverId,
  startedBy,
  driver,
  starter,
  fromQueue,
}: {
  walkId: string;
  selfId: string;
  driverId: string;
  startedBy: string;
  driver: Person;
  starter: Person;
  fromQueue: boolean;
}) {
  const {run, error} = useChange();
  if (fromQueue || driverId === startedBy) return null;

  if (driverId === selfId) {
    return (
      <div className="notice row" role="status" data-testid="driver-notice">
        <span className="grow">You're driving now. {starter?.name ?? 'The L1'} is watching and can still add to the task lane.</span>
        <button type="button" className="btn btn-small" onClick={() => void run(mutators.walk.handBack({walkId, toUserId: startedBy}))}>
          Hand back to {starter?.name ?? 'the L1'}
        </button>
        <FormError message={error} />
      </div>
    );
  }
  if (startedBy === selfId) {
    return (
      <p className="notice" role="status" data-testid="driver-notice">
        {driver?.name ?? 'An engineer'} took over; you're watching now. You can still add to the task lane.
      </p>
    );
  }
  return null;
}
