import type {TandemConfig} from '../config.ts';

/**
 * The zero-cache processes Tandem runs, by name: one `zero-cache` (unset
 * TANDEM_VIEW_SYNCERS), or Zero's multi-node shape, one `replication-manager`
 * (owns the replication slot and the change log, serves no client) and N
 * `view-syncer-1` … `view-syncer-N` (serve clients; follow the manager's
 * change stream). Each binds its port and the next two:
 *
 *   view-syncer-i        ZERO_PORT + 3·(i−1)   (view-syncer-1 keeps 4848)
 *   replication-manager  ZERO_PORT + 3·N       (its change streamer, +1, on loopback only)
 */
type ZeroRole = 'single' | 'replication-manager' | 'view-syncer';

export type ZeroPart = {
  name: string;
  role: ZeroRole;
  /** Its main port (when Tandem runs it). */
  port: number;
  /** Where the API checks it (`/keepalive`). */
  internalUrl: string;
};

type PartsConfig = Pick<TandemConfig, 'zeroPort' | 'viewSyncers' | 'internalZeroUrl' | 'replicationManagerUrl'>;

export function viewSyncerPort(config: Pick<TandemConfig, 'zeroPort'>, index: number): number {
  return config.zeroPort + 3 * index;
}

export function replicationManagerPort(config: Pick<TandemConfig, 'zeroPort' | 'viewSyncers'>): number {
  return config.zeroPort + 3 * config.viewSyncers;
}

/** The manager's change streamer (view syncers subscribe to it). */
export function changeStreamerPort(config: Pick<TandemConfig, 'zeroPort' | 'viewSyncers'>): number {
  return replicationManagerPort(config) + 1;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(v => v.trim())
    .filter(Boolean);
}

export function zeroParts(config: PartsConfig): ZeroPart[] {
  if (config.viewSyncers === 0) {
    return [{name: 'zero-cache', role: 'single', port: config.zeroPort, internalUrl: config.internalZeroUrl}];
  }
  // ZERO_INTERNAL_URL lists the view syncers when they run elsewhere (compose); otherwise their local ports.
  const given = list(config.internalZeroUrl);
  const own = given.length === config.viewSyncers;
  const syncers: ZeroPart[] = Array.from({length: config.viewSyncers}, (_, i) => {
    const port = viewSyncerPort(config, i);
    return {name: `view-syncer-${i + 1}`, role: 'view-syncer', port, internalUrl: own ? given[i] : `http://127.0.0.1:${port}`};
  });
  const port = replicationManagerPort(config);
  return [{name: 'replication-manager', role: 'replication-manager', port, internalUrl: config.replicationManagerUrl ?? `http://127.0.0.1:${port}`}, ...syncers];
}

/** Every port Tandem's own zero-cache processes bind (each takes its port and the next two). */
export function zeroPortsInUse(config: PartsConfig): {port: number; what: string}[] {
  return zeroParts(config).flatMap(part => [0, 1, 2].map(i => ({port: part.port + i, what: part.name})));
}
