import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {commit} from '../bench/machine.ts';
import {ROOT_DIR} from '../server/config.ts';
import {writeChaosSummary} from './chaos-summary.ts';

/**
 * `npm run test:chaos`: the reliability suite at full size (TANDEM_CHAOS=full):
 * the fault tests (200 steps, every fault three times), the hostile-input fuzz
 * and the tenant and role attacks. Every test appends what it tried to a
 * report; the summary goes to test/chaos/LAST-RUN.md and the README's table.
 * Extra arguments go to vitest (e.g. a file filter).
 */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tandem-chaos-'));
const report = path.join(tmp, 'report.jsonl');
const startedAt = new Date();
const vitest = path.join(ROOT_DIR, 'node_modules', '.bin', 'vitest');
const run = spawnSync(vitest, ['run', 'test/chaos', ...process.argv.slice(2)], {
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
