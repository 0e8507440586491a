import type {BenchResult} from './results.ts';
import type {Sizes} from './sizes.ts';
import type {BenchStack} from './stack/bench-stack.ts';
import type {BenchAccount} from './support/bench-account.ts';
import type {SessionPool} from './support/sessions.ts';

/** What every scenario gets: the running stack, the load account, sign-ins, sizes. */
export type BenchContext = {
  stack: BenchStack;
  account: BenchAccount;
  sessions: SessionPool;
  sizes: Sizes;
  result: BenchResult;
};
