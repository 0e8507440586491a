/**
 * Whether a change made now can reach the server now: Zero says connected
 * and the browser does not say it is offline. The browser knows at once
 * (its `offline` event); Zero keeps calling a dead socket "connected" until
 * its ping times out, and the header already shows Offline by then
 * (client/shell/connection-look.ts). In Node (tests, the benchmark) there is
 * no such word from the browser and Zero's state decides.
 */
export function reachable(zero: {connection: {state: {current: {name: string}}}}): boolean {
  if (zero.connection.state.current.name !== 'connected') return false;
  return typeof navigator === 'undefined' || (navigator as {onLine?: boolean}).onLine !== false;
}
