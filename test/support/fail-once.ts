import {afterEach} from 'vitest';

/**
 * With TANDEM_FAIL_ONCE=1 (see vitest.config.ts), every test fails once after its body
 * has run, so the run shows which tests cannot pass on their retry: a retry must find
 * its first try's rows and rise to them, never count them as its own.
 *   TANDEM_FAIL_ONCE=1 npx vitest run test/browser
 */
const failed = new Set<string>();
afterEach(ctx => {
  if (failed.has(ctx.task.id)) return;
  failed.add(ctx.task.id);
  throw new Error('TANDEM_FAIL_ONCE: made to fail once; its retry must pass');
});
