import {createHash} from 'node:crypto';
import type {TandemConfig} from '../config.ts';
import {zeroParts, type ZeroPart} from './zero-parts.ts';

/**
 * Placement: which view syncer a browser reaches. `GET /api/session` hands
 * each person one zero-cache URL and the page keeps it for as long as it is
 * open (sticky). With one URL (a single zero-cache, or a load balancer in
 * front of the view syncers, as in docker-compose.scale.yml) that is the
 * URL. With one URL per view syncer the person's syncer is chosen by
 * rendezvous hashing of their member id over the syncers: every session of
 * the same person lands on the same syncer, and when that syncer does not
 * answer at sign-in time, the person's next choice (the others keep
 * theirs). A syncer that dies under open pages is restarted on the same
 * port by the supervisor and the pages' Zero clients reconnect to it by
 * themselves; their changes wait in the outbox meanwhile.
 */
export type SyncerPlacement = {
  /** Every URL a page may be handed for this request (the CSP's connect-src). */
  urlsFor: (requestUrl: URL) => string[];
  /** The URL this person is placed on. */
  place: (userId: string, requestUrl: URL) => Promise<string>;
};

type PlacementConfig = Pick<TandemConfig, 'zeroPort' | 'viewSyncers' | 'publicZeroUrl' | 'internalZeroUrl' | 'replicationManagerUrl'>;

const LIVENESS_TTL_MS = 2000;

/** Higher wins: a stable score of (person, syncer). */
function score(userId: string, index: number): bigint {
  return createHash('sha256').update(`${userId}\0${index}`).digest().readBigUInt64BE(0);
}

/** Syncer indexes in this person's order of preference. */
export function preferenceOrder(userId: string, count: number): number[] {
  return Array.from({length: count}, (_, i) => i).sort((a, b) => {
    const d = score(userId, b) - score(userId, a);
    return d > 0n ? 1 : d < 0n ? -1 : 0;
  });
}

export function createSyncerPlacement(config: PlacementConfig): SyncerPlacement {
  const syncers: ZeroPart[] = zeroParts(config).filter(p => p.role !== 'replication-manager');
  const given = (config.publicZeroUrl ?? '')
    .split(',')
    .map(u => u.trim())
    .filter(Boolean);
  const urlsFor = (requestUrl: URL): string[] => (given.length > 0 ? given : syncers.map(s => `${requestUrl.protocol}//${requestUrl.hostname}:${s.port}`));

  const liveness = new Map<number, {up: boolean; at: number}>();
  const isUp = async (index: number): Promise<boolean> => {
    const known = liveness.get(index);
    if (known && Date.now() - known.at < LIVENESS_TTL_MS) return known.up;
    let up = false;
    try {
      up = (await fetch(`${syncers[index].internalUrl}/keepalive`, {signal: AbortSignal.timeout(1000)})).ok;
    } catch {
      up = false;
    }
    liveness.set(index, {up, at: Date.now()});
    return up;
  };

  return {
    urlsFor,
    async place(userId, requestUrl) {
      const urls = urlsFor(requestUrl);
      if (urls.length === 1) return urls[0];
      // One public URL per view syncer (urls[i] is syncers[i]'s).
      const order = preferenceOrder(userId, urls.length);
      for (const index of order) {
        if (index >= syncers.length || (await isUp(index))) return urls[index];
      }
      return urls[order[0]];
    },
  };
}
