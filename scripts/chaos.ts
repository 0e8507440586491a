import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {commit} from '../bench/machine.ts';
import {ROOT_DIR} from '../server/config.ts';
import {writeChaosSummary} from './chaos-summary.ts';

/**
 * `npm run test:chaos`: the reliability suite at full size (TANDEM_CHAOS=full):
 * the fault tests (200 steps, every fault three times; the account floor under
 * faults; long outages), the hostile-input fuzz, the tenant and role attacks,
 * and the two faults that come from a client (revocation, a flooding session). Every test appends what it tried to a
 * report; the summary goes to test/chaos/LAST-RUN.md and the README's table.
 * Extra arguments go to vitest (e.g. a file filter).
 */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tandem-chaos-'));
const report = path.join(tmp, 'report.jsonl');
const startedAt = new Date();
const vitest = path.join(ROOT_DIR, 'node_modules', '.bin', 'vitest');
// Two integration tests are faults from a client (issue #23): revocation and a flooding session; their rows belong in the table too.
const CLIENT_FAULTS = ['test/integration/revocation.test.ts', 'test/integration/flood.test.ts'];
const run = spawnSync(vitest, ['run', 'test/chaos', ...CLIENT_FAULTS, ...process.argv.slice(2)], {
  cwd: ROOT_DIR,
  stdio: 'inherit',
  env: {...process.env, TANDEM_CHAOS: 'full', TANDEM_CHAOS_REPORT: report},
});
const passed = run.status === 0;
const records = writeChaosSummary(
  report,
  {startedAt: startedAt.toISOString(), seconds: (Date.now() - startedAt.getTime()) / 1000, commit: commit(), passed, size: 'full'},
  {readme: path.join(ROOT_DIR, 'README.md'), lastRun: path.join(ROOT_DIR, 'test', 'chaos', 'LAST-RUN.md')},
);
rmSync(tmp, {recursive: true, force: true});
const lost = records.reduce((n, r) => n + r.lost, 0);
console.log(`\nChaos run ${passed ? 'passed' : 'FAILED'}: ${records.length} records, data lost ${lost}. Summary: test/chaos/LAST-RUN.md and README.md.`);
process.exit(passed && lost === 0 ? 0 : 1);
