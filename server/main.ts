import {configFromEnv} from './config.ts';
import {PortInUseError} from './ports.ts';
import {DEMO_PASSWORD, DEMO_PEOPLE} from './seed/demo-people.ts';
import {startTandem} from './start.ts';

/**
 * `npm start`: the supervisor. Starts everything, prints the URL and the demo
 * sign-ins, and on Ctrl-C (SIGINT) or SIGTERM stops every child cleanly.
 */
async function main() {
  const config = configFromEnv({serveClient: process.env.TANDEM_SERVE_CLIENT !== 'false'});
  let tandem;
  try {
    tandem = await startTandem(config);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`\nTandem could not start: ${message}\n`);
    if (!(error instanceof PortInUseError) && process.env.TANDEM_DEBUG) console.error(error);
    process.exit(1);
  }

  if (config.seedDemoData) {
    console.log(`\nDemo sign-ins (password "${DEMO_PASSWORD}"):`);
    for (const p of DEMO_PEOPLE) console.log(`  ${p.email.padEnd(24)} ${p.role}${p.canCoverL1 ? ' (covers L1)' : ''}`);
  }
  const url = process.env.TANDEM_OPEN_URL ?? tandem.appUrl;
  console.log(`\n  Tandem is running: open ${url}\n  (Ctrl-C to stop)\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Tandem…`);
    await tandem.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
