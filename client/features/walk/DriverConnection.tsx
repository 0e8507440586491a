import './driver-connection.css';
type Viewer = {user_id: string; waiting_changes?: number | null | undefined};

/**
 * What a watcher knows of the driver's connection, from presence: no
 * presence row for the driver means their browser is not connected to this
 * walk (its beats stopped: offline, closed, asleep); a row with waiting
 * changes means their browser reaches the server but cannot sync, and holds
 * that many changes (published over HTTP: server/http/presence-waiting.ts).
 * Shown to everyone but the driver.
 */
export function DriverConnection({
  viewers,
  driverId,
  driverName,
  selfId,
}: {
  viewers: readonly Viewer[];
  driverId: string;
  driverName: string | undefined;
  selfId: string;
}) {
  if (selfId === driverId) return null;
  const driver = viewers.find(v => v.user_id === driverId);
  const waiting = driver?.waiting_changes ?? 0;
  const name = driverName ?? 'The driver';
  if (driver && waiting === 0) return null;
  return (
    <p className="notice notice-warn" role="status" data-testid="driver-connection">
      <strong>Driver offline</strong>
      {driver
        ? `, ${waiting} ${waiting === 1 ? 'change' : 'changes'} waiting: ${name} cannot sync right now; what they do lands here once they reconnect.`
        : `: ${name} is not connected to this walk. Changes they make offline land here once they reconnect.`}
    </p>
  );
}
