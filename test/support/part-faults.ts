import type {TestStack} from './stack.ts';

/**
 * The faults the chaos suite injects into a running test stack, one per part
 * of Tandem: zero-cache and the API killed for real with SIGKILL (the
 * stack's supervisor brings them back), PostgreSQL stopped (fast shutdown:
 * every connection cut) and started again. `inject` kills the part, runs
 * `whileDown` (the load goes on meanwhile) and resolves once the part is
 * back: the restarted child ready, or PostgreSQL taking connections again.
 */
export type PartFault = {
  /** What is done, e.g. "SIGKILL zero-cache"; a test adds where ("mid-walk"). */
  what: string;
  inject: (stack: TestStack, whileDown: () => Promise<void>) => Promise<void>;
};

export const PART_FAULTS: readonly PartFault[] = [
  {
    what: 'SIGKILL zero-cache',
    async inject(stack, whileDown) {
      const launches = stack.zeroCache!.launches();
      process.kill(stack.zeroCache!.pid()!, 'SIGKILL');
      await whileDown();
      await stack.zeroCache!.readyAfter(launches);
    },
  },
  {
    what: 'SIGKILL API server',
    async inject(stack, whileDown) {
      const launches = stack.api.launches();
      process.kill(stack.api.pid()!, 'SIGKILL');
      await whileDown();
      await stack.api.readyAfter(launches);
    },
  },
  {
    what: 'restart PostgreSQL',
    async inject(stack, whileDown) {
      await stack.postgres!.stop();
      await whileDown();
      await stack.postgres!.start();
    },
  },
];

/** The supervisor's lines that say a child was killed and is being restarted. */
export const SIGKILL_RESTART_LINE = / exited \(signal SIGKILL\); restarting in /;
