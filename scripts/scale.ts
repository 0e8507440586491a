import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {ROOT_DIR} from '../server/config.ts';

/**
 * `npm run test:scale`: the multi-node suite (test/scale) at full size
 * (TANDEM_SCALE=full): two view syncers behind one replication manager,
 * bigger walks, 20 claimers, 25 races, every fault three times. `npm test`
 * runs the same file short. Extra arguments go to vitest.
 */
const vitest = path.join(ROOT_DIR, 'node_modules', '.bin', 'vitest');
const run = spawnSync(vitest, ['run', 'test/scale', ...process.argv.slice(2)], {
  cwd: ROOT_DIR,
  stdio: 'inherit',
  env: {...process.env, TANDEM_SCALE: 'full'},
});
process.exit(run.status ?? 1);
