import {configFromEnv} from './config.ts';
import {handleSignalsOurselves} from './db/embedded-postgres.ts';
import {DEMO_PASSWORD, DEMO_PEOPLE} from './seed/demo-people.ts';
import {explainStartFailure} from './start-failure.ts';
import {startTandem, type RunningTandem} from './start.ts';

/**
 * `npm start`: the supervisor. Starts everything (Postgres, migrations, seed,
 * the API and zero-cache as supervised child processes, restarted with
 * backoff when they die), prints the URL and the demo sign-ins, and on
 * Ctrl-C (SIGINT) or SIGTERM shuts down gracefully: the API finishes the
 * requests in flight, then zero-cache, the pools and Postgres stop; exit 0.
 */
async function main() {
  handleSignalsOurselves();
  let config: ReturnType<typeof configFromEnv>;
  try {
    config = configFromEnv({serveClient: process.env.TANDEM_SERVE_CLIENT !== 'false'});
  } catch (error) {
    refuse(error, process.env.TANDEM_DATA_DIR || '.data');
  }
  let tandem: RunningTandem | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Tandem (requests in flight finish first)…`);
    // Still starting: main stops the stack as soon as it is up.
    if (!tandem) return;
    await tandem.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    tandem = await startTandem(config);
  } catch (error) {
    refuse(error, config.dataDir);
  }
  if (stopping) {
    await tandem.stop();
    console.log('Stopped.');
    process.exit(0);
  }

  if (config.seedDemoData) {
    console.log(`\nDemo sign-ins (password "${DEMO_PASSWORD}"):`);
    for (const p of DEMO_PEOPLE) console.log(`  ${p.email.padEnd(24)} ${p.role}${p.canCoverL1 ? ' (covers L1)' : ''}`);
  }
  const url = process.env.TANDEM_OPEN_URL ?? tandem.appUrl;
  console.log(`\n  Tandem is running: open ${url}\n  (Ctrl-C to stop)\n`);
}

/** One line saying what to do; the stack only with TANDEM_DEBUG=1. */
function refuse(error: unknown, dataDir: string): never {
  const {line, known} = explainStartFailure(error, {dataDir});
  console.error(`\nTandem could not start: ${line}\n`);
  if (!known || process.env.TANDEM_DEBUG) console.error(process.env.TANDEM_DEBUG ? error : '(run with TANDEM_DEBUG=1 for the details)');
  process.exit(1);
}

void main();
