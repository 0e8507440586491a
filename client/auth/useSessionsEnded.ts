import {useQuery} from '@rocicorp/zero/react';
import {useEffect, useRef} from 'react';
import {pageQueries} from '../zero/page-queries.ts';
import {fetchSession} from './session-api.ts';

/**
 * Signs this device out as soon as the person ends their sessions elsewhere
 * (sign out everywhere, a password change or reset: their member row's
 * `sessions_ended_at`, synced live). The stamp is only a nudge: this device
 * then asks the server about its own session, and leaves only if that has
 * ended (a password change keeps the device that made it signed in).
 */
export function useSessionsEnded(onEnded: () => void): void {
  const [me] = useQuery(pageQueries.shell().me);
  const endedAt = me?.sessions_ended_at ?? null;
  const seen = useRef<number | null | undefined>(undefined);
  const ended = useRef(onEnded);
  ended.current = onEnded;
  useEffect(() => {
    if (!me) return;
    const first = seen.current === undefined;
    const changed = seen.current !== endedAt;
    seen.current = endedAt;
    if (first || !changed) return;
    void fetchSession()
      .then(session => {
        if (!session) ended.current();
      })
      .catch(() => {});
  }, [me, endedAt]);
}
