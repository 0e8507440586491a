import {useZero} from '@rocicorp/zero/react';
import {useCallback, useState} from 'react';
import type {MutateRequest} from '@rocicorp/zero';
import {useOutbox} from '../../offline/outbox-context.ts';

/**
 * Makes a change through the outbox (so it survives going offline); resolves
 * true once it is accepted: by the server when online and `waitForServer`,
 * else as soon as it is applied here and safely queued. A refusal is kept in
 * `error` (the optimistic change rolls back by itself).
 */
export function useRun() {
  const zero = useZero();
  const outbox = useOutbox();
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (
      request: MutateRequest<any, any, any, any>,
      {waitForServer = true, label}: {waitForServer?: boolean; label?: string} = {},
    ): Promise<boolean> => {
      setError(null);
      const sent = await outbox.send(request, {label});
      if (sent.status === 'refused') {
        setError(sent.error);
        return false;
      }
      if (sent.status === 'kept') return true;
      // Offline, the server's answer waits for the connection; don't hold the screen for it.
      if (!waitForServer || zero.connection.state.current.name !== 'connected') {
        void sent.server.then(setError);
        return true;
      }
      const refusal = await sent.server;
      setError(refusal);
      return refusal === null;
    },
    [zero, outbox],
  );
  return {run, error, setError};
}
