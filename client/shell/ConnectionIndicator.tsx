import {useConnectionState} from '@rocicorp/zero/react';
import {useOutboxEntries} from '../offline/outbox-context.ts';
import {useBrowserOnline} from '../offline/useBrowserOnline.ts';
import {connectionLook, waitingText} from './connection-look.ts';

/** Online / reconnecting / offline and how many changes wait to sync, always in the header. */
export function ConnectionIndicator() {
  const state = useConnectionState();
  const online = useBrowserOnline();
  const waiting = useOutboxEntries().filter(e => e.state === 'pending').length;
  const look = connectionLook(state, online);
  return (
    <span
      className={`conn conn-${look.tone}`}
      role="status"
      aria-live="polite"
      data-testid="connection"
      title={look.hint}
      data-state={state.name}
      data-browser-online={online ? 'yes' : 'no'}
    >
      <span className="conn-dot" aria-hidden="true" />
      {look.label}
      {waiting > 0 && (
        <span className="conn-waiting" data-testid="changes-waiting">
          {waitingText(waiting)}
        </span>
      )}
    </span>
  );
}
