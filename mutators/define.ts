import {defineMutator as defineZeroMutator} from '@rocicorp/zero';

/**
 * Zero's defineMutator, made safe for rebases. When newer server state
 * arrives, the client replays its pending changes on top of it; a refusal
 * thrown during that replay (say a claim someone else just won) would break
 * the processing of the whole poke and stop sync. So a rebase that would be
 * refused simply does nothing: the server's verdict still reaches the caller
 * on `.server`, and the optimistic change is dropped.
 */
export const defineMutator = ((validator: Parameters<typeof defineZeroMutator>[0], fn: any) =>
  defineZeroMutator(validator as any, async (options: any) => {
    try {
      await fn(options);
    } catch (error) {
      if (options.tx.location === 'client' && options.tx.reason === 'rebase') return;
      throw error;
    }
  })) as typeof defineZeroMutator;
