import type {Reporter, TestCase} from 'vitest/node';

/**
 * Names, at the end of a run, every test that failed and then passed on its
 * retry (vitest.config.ts `retry`). The retry keeps one unlucky timing on a
 * loaded 2-core machine from failing CI; this list keeps the flake in sight,
 * so it is fixed instead of forgotten.
 */
export default class FlakyReporter implements Reporter {
  #flaky: string[] = [];

  onTestCaseResult(testCase: TestCase): void {
    const diagnostic = testCase.diagnostic();
    if (testCase.result().state === 'passed' && diagnostic?.flaky) {
      this.#flaky.push(`${testCase.module.moduleId.replace(`${process.cwd()}/`, '')} > ${testCase.fullName} (passed on retry ${diagnostic.retryCount})`);
    }
  }

  onTestRunEnd(): void {
    if (this.#flaky.length === 0) return;
    console.log(`\nPassed only on a retry (flaky: fix these):\n${this.#flaky.map(f => `  - ${f}`).join('\n')}\n`);
  }
}
