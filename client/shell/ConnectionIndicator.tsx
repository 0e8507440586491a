import {useConnectionState} from '@rocicorp/zero/react';

const LABELS: Record<string, {label: string; tone: string; hint: string}> = {
  connected: {label: 'Online', tone: 'ok', hint: 'Changes sync live.'},
  connecting: {label: 'Connecting…', tone: 'warn', hint: 'Changes are kept and sent when the connection returns.'},
  disconnected: {label: 'Offline', tone: 'bad', hint: 'No connection to the sync server.'},
  error: {label: 'Sync error', tone: 'bad', hint: 'The sync server reported an error.'},
  'needs-auth': {label: 'Signed out', tone: 'bad', hint: 'Sign in again to keep syncing.'},
  closed: {label: 'Closed', tone: 'bad', hint: ''},
};

/** Online / connecting / offline, always visible in the header. */
export function ConnectionIndicator() {
  const state = useConnectionState();
  const info = LABELS[state.name] ?? LABELS.connecting;
  return (
    <span className={`conn conn-${info.tone}`} role="status" aria-live="polite" title={info.hint} data-state={state.name}>
      <span className="conn-dot" aria-hidden="true" />
      {info.label}
    </span>
  );
}
