import {useZero} from '@rocicorp/zero/react';
import {useCallback, useState} from 'react';
import type {MutateRequest} from '@rocicorp/zero';
import {mutationError} from '../../ui/mutation-error.ts';

/**
 * Sends a mutation; resolves true once the server accepted it, false with
 * the refusal kept in `error` (the optimistic change rolls back by itself).
 */
export function useRun() {
  const zero = useZero();
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (request: MutateRequest<any, any, any, any>, {waitForServer = true} = {}): Promise<boolean> => {
      setError(null);
      const write = zero.mutate(request);
      const local = mutationError(await write.client);
      if (local) {
        setError(local);
        return false;
      }
      if (!waitForServer) {
        void write.server.then(r => setError(mutationError(r)));
        return true;
      }
      const remote = mutationError(await write.server);
      setError(remote);
      return remote === null;
    },
    [zero],
  );
  return {run, error, setError};
}
