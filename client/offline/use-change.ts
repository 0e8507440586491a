import {useZero} from '@rocicorp/zero/react';
import {useCallback, useState} from 'react';
import type {MutateRequest} from '@rocicorp/zero';
import {useOutbox} from './outbox-context.ts';
import {reachable} from './reachable.ts';

/**
 * The client's one write path: every change a person makes leaves through
 * here, so through the outbox (it survives going offline and a reload).
 * `run` resolves true once the change is accepted: by the server when online
 * and `waitForServer`, else as soon as it is applied here and safely queued.
 * A refusal is kept in `error` (the optimistic change rolls back by itself).
 *
 * The deliberate exceptions call `zero.mutate` themselves, each saying why:
 * the claim (a race decided now, never queued: HandoffContextScreen.tsx) and
 * the presence beats (live or nothing: presence-beats.ts, usePresence.ts).
 */
export function useChange() {
  const zero = useZero();
  const outbox = useOutbox();
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (request: MutateRequest<any, any, any, any>, {waitForServer = true, label}: {waitForServer?: boolean; label?: string} = {}): Promise<boolean> => {
      setError(null);
      const sent = await outbox.send(request, {label});
      if (sent.status === 'refused') {
        setError(sent.error);
        return false;
      }
      if (sent.status === 'kept') return true;
      // Offline, the server's answer waits for the connection; don't hold the screen for it.
      if (!waitForServer || !reachable(zero)) {
        void sent.server.then(setError);
        return true;
      }
      const refusal = await sent.server;
      setError(refusal);
      return refusal === null;
    },
    [zero, outbox],
  );
  const clearError = useCallback(() => setError(null), []);
  return {run, error, setError, clearError};
}
