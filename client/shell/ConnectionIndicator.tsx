import {useConnectionState} from '@rocicorp/zero/react';
import {useOutboxEntries} from '../offline/outbox-context.ts';
import {useBrowserOnline} from '../offline/useBrowserOnline.ts';
import {throttledFor} from '../zero/throttled.ts';

type Look = {label: string; tone: 'ok' | 'warn' | 'bad'; hint: string};

const LOOKS: Record<string, Look> = {
  online: {label: 'Online', tone: 'ok', hint: 'Changes sync live.'},
  offline: {label: 'Offline', tone: 'bad', hint: 'No network. Keep working: changes are kept on this device and sent when it is back.'},
  reconnecting: {label: 'Reconnecting…', tone: 'warn', hint: 'Changes are kept and sent when the connection returns.'},
  error: {label: 'Sync error', tone: 'bad', hint: 'The sync server reported an error; changes are kept on this device.'},
  throttled: {label: 'Slow down', tone: 'warn', hint: 'Too many changes at once: they are kept on this device and sent again in a moment.'},
  'needs-auth': {label: 'Signed out', tone: 'bad', hint: 'Sign in again to keep syncing.'},
  closed: {label: 'Closed', tone: 'bad', hint: ''},
};

/** Online / reconnecting / offline and how many changes wait to sync, always in the header. */
export function ConnectionIndicator() {
  const state = useConnectionState();
  const online = useBrowserOnline();
  const waiting = useOutboxEntries().filter(e => e.state === 'pending').length;
  const key =
    state.name === 'connected'
      ? 'online'
      : !online || state.name === 'disconnected'
        ? 'offline'
        : throttledFor(state)
          ? 'throttled'
          : state.name === 'connecting'
            ? 'reconnecting'
            : state.name;
  const look = LOOKS[key] ?? LOOKS.reconnecting;
  return (
    <span
      className={`conn conn-${look.tone}`}
      role="status"
      aria-live="polite"
      data-testid="connection"
      title={look.hint}
      data-state={state.name}
    >
      <span className="conn-dot" aria-hidden="true" />
      {look.label}
      {waiting > 0 && (
        <span className="conn-waiting" data-testid="changes-waiting">
          {' '}
          · {waiting} {waiting === 1 ? 'change' : 'changes'} waiting
        </span>
      )}
    </span>
  );
}
