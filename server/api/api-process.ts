import path from 'node:path';
import {ROOT_DIR, type TandemConfig} from '../config.ts';
import {superviseChild, type Backoff, type SupervisedChild} from '../supervise/supervised-child.ts';
import {API_CONFIG_ENV, apiChildConfig, isApiChildMessage} from './api-config.ts';
import {DRAIN_TIMEOUT_MS, startApi} from './start-api.ts';

/** The API process under supervision (ready, pid, launches, readyAfter, graceful stop). */
export type ApiHandle = SupervisedChild;

const CHILD_ENTRY = path.join(ROOT_DIR, 'server', 'api', 'api-child.ts');

/**
 * Runs the API as a supervised child process: the same Node as this process
 * (with tsx), its config as JSON in TANDEM_API_CONFIG, readiness and log
 * lines over IPC. When it dies it is restarted with backoff, and the log
 * says so ("API exited (signal SIGKILL); restarting in 1 s (attempt 1)").
 */
export function startApiProcess(config: TandemConfig, databaseUrl: string, backoff?: Partial<Backoff>): ApiHandle {
  const childConfig = JSON.stringify(apiChildConfig(config, databaseUrl));
  const child = superviseChild({
    name: 'API',
    command: process.execPath,
    args: ['--import', 'tsx', CHILD_ENTRY],
    cwd: ROOT_DIR,
    env: {...process.env, [API_CONFIG_ENV]: childConfig},
    ipc: true,
    output: (chunk, stream) => (stream === 'stdout' ? process.stdout : process.stderr).write(chunk),
    onMessage: message => {
      if (isApiChildMessage(message) && message.type === 'log') config.log(message.line);
    },
    waitReady: (c, exited) =>
      new Promise<void>((resolve, reject) => {
        let failure: string | undefined;
        c.on('message', message => {
          if (!isApiChildMessage(message)) return;
          if (message.type === 'ready') {
            config.log(`API serving on port ${config.port} (pid ${c.pid})`);
            resolve();
          } else if (message.type === 'failed') failure = message.message;
        });
        void exited.then(() => reject(new Error(failure ?? 'The API process exited before it was ready.')));
      }),
    failFastOnFirstLaunch: true,
    log: config.log,
    backoff,
    // The child drains for up to DRAIN_TIMEOUT_MS before it exits by itself.
    stopTimeoutMs: DRAIN_TIMEOUT_MS + 10_000,
  });
  return child;
}

/** The API inside this process (no restarts): for configs that carry live objects. */
export async function startApiInProcess(config: TandemConfig, databaseUrl: string): Promise<ApiHandle> {
  const api = await startApi(config, databaseUrl);
  return {
    ready: async () => {},
    pid: () => process.pid,
    launches: () => 1,
    readyAfter: () => new Promise(() => {}),
    stop: api.stop,
  };
}
