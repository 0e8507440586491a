import type {ZeroRateLimits} from '../../server/zero/rate-limits.ts';

/**
 * Rate limits no test reaches, for the suites that flood the endpoints on
 * purpose (the hostile-input fuzz, the tenant attacks send thousands of
 * requests from one session); the limits themselves are tested in
 * test/integration/flood.test.ts.
 */
export const UNTHROTTLED: ZeroRateLimits = {
  sessionMutationsPerSecond: 1_000_000,
  sessionMutationBurst: 1_000_000,
  accountMutationsPerSecond: 1_000_000,
  accountMutationBurst: 1_000_000,
  sessionQueriesPerSecond: 1_000_000,
  sessionQueryBurst: 1_000_000,
};
