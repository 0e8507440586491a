import {API_CONFIG_ENV, parseApiChildConfig, type ApiChildMessage} from './api-config.ts';
import {startApi, type RunningApi} from './start-api.ts';

/**
 * The API child process (started by server/api/api-process.ts, never by
 * hand): reads its config from TANDEM_API_CONFIG, serves the app and API,
 * runs the jobs, and tells its supervisor over IPC when it is ready. Its log
 * lines go to the supervisor's log. On SIGTERM or SIGINT (or when the
 * supervisor is gone) it drains in-flight requests and exits 0.
 */
function send(message: ApiChildMessage) {
  if (process.send && process.connected) process.send(message);
  else if (message.type === 'log') console.log(message.line);
}

const log = (line: string) => send({type: 'log', line});

let api: RunningApi | undefined;
let stopping = false;

async function shutdown(why: string) {
  if (stopping) return;
  stopping = true;
  log(`API (pid ${process.pid}) ${why}: finishing requests in flight, then exiting`);
  try {
    await api?.stop();
  } finally {
    process.exit(0);
  }
}

process.on('SIGTERM', () => void shutdown('got SIGTERM'));
process.on('SIGINT', () => void shutdown('got SIGINT'));
process.on('disconnect', () => void shutdown('lost its supervisor'));

try {
  const {config, databaseUrl} = parseApiChildConfig(process.env[API_CONFIG_ENV]);
  const {aiOff, ...rest} = config;
  api = await startApi({...rest, ai: aiOff ? null : undefined, log}, databaseUrl);
  send({type: 'ready'});
} catch (error) {
  send({type: 'failed', message: error instanceof Error ? error.message : String(error)});
  process.exitCode = 1;
  // Let the IPC message leave before exiting.
  setTimeout(() => process.exit(1), 100);
}
