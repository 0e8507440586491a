import {useZero} from '@rocicorp/zero/react';
import {useCallback, useState} from 'react';
import type {MutateRequest} from '@rocicorp/zero';
import {mutationError} from '../../ui/mutation-error.ts';

/**
 * Runs a mutation and keeps its refusal (client or server) as a message to
 * show; the optimistic change rolls back by itself when the server refuses.
 */
export function useMutation() {
  const zero = useZero();
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (request: MutateRequest<any, any, any, any>): Promise<boolean> => {
      setError(null);
      const write = zero.mutate(request);
      const message = mutationError(await write.client) ?? mutationError(await write.server);
      setError(message);
      return message === null;
    },
    [zero],
  );
  return {run, error, clearError: () => setError(null)};
}
