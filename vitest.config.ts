import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration files each start a whole stack; run them one at a time on 2 cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: 'forks',
    // A failed test runs once more before it fails the run: real stacks and
    // Chromium on a loaded 2-core machine. A test that passes only on its
    // retry is named at the end of the run (test/support/flaky-reporter.ts).
    retry: 1,
    reporters: ['default', './test/support/flaky-reporter.ts'],
    // TANDEM_FAIL_ONCE=1: every test fails once, to find the ones whose retry cannot pass.
    setupFiles: process.env.TANDEM_FAIL_ONCE === '1' ? ['./test/support/fail-once.ts'] : [],
  },
});
