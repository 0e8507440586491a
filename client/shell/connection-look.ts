import {throttledFor} from '../zero/throttled.ts';

export type Look = {label: string; tone: 'ok' | 'warn' | 'bad'; hint: string};

const LOOKS: Record<string, Look> = {
  online: {label: 'Online', tone: 'ok', hint: 'Changes sync live.'},
  offline: {label: 'Offline', tone: 'bad', hint: 'No network. Keep working: changes are kept on this device and sent when it is back.'},
  reconnecting: {label: 'Reconnecting…', tone: 'warn', hint: 'Changes are kept and sent when the connection returns.'},
  error: {label: 'Sync error', tone: 'bad', hint: 'The sync server reported an error; changes are kept on this device.'},
  throttled: {label: 'Slow down', tone: 'warn', hint: 'Too many changes at once: they are kept on this device and sent again in a moment.'},
  'needs-auth': {label: 'Signed out', tone: 'bad', hint: 'Sign in again to keep syncing.'},
  closed: {label: 'Closed', tone: 'bad', hint: ''},
};

/** What the header's connection indicator shows for Zero's connection state (and the browser's network). */
export function connectionLook(state: {name: string; reason?: unknown}, online: boolean): Look {
  // The browser's own word comes first: it says offline at once, while Zero
  // would still call the dead socket "connected" until its ping times out.
  const key = !online
    ? 'offline'
    : state.name === 'connected'
      ? 'online'
      : state.name === 'disconnected'
        ? 'offline'
        : throttledFor(state)
          ? 'throttled'
          : state.name === 'connecting'
            ? 'reconnecting'
            : state.name;
  return LOOKS[key] ?? LOOKS.reconnecting;
}

/** "· 3 changes waiting" after the label, or nothing. */
export function waitingText(waiting: number): string {
  return waiting > 0 ? ` · ${waiting} ${waiting === 1 ? 'change' : 'changes'} waiting` : '';
}
