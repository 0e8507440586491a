import type {TandemConfig} from '../config.ts';

/** What the API child gets in TANDEM_API_CONFIG: the config minus its functions and live objects. */
type ApiChildConfig = {
  config: Omit<TandemConfig, 'log' | 'emailTransport' | 'ai' | 'extraRoutes'> & {aiOff: boolean};
  databaseUrl: string;
};

export const API_CONFIG_ENV = 'TANDEM_API_CONFIG';

export function apiChildConfig(config: TandemConfig, databaseUrl: string): ApiChildConfig {
  if (config.emailTransport || config.ai || config.extraRoutes) {
    throw new Error('An email transport, model client or extra routes cannot be handed to the API child process; use apiProcess: "in-process".');
  }
  const {log: _log, emailTransport: _email, ai, extraRoutes: _routes, ...rest} = config;
  return {config: {...rest, aiOff: ai === null}, databaseUrl};
}

/** Parses (and checks the shape of) the child's config. */
export function parseApiChildConfig(raw: string | undefined): ApiChildConfig {
  if (!raw) throw new Error(`${API_CONFIG_ENV} is not set: the API child is started by the supervisor (server/main.ts).`);
  const parsed = JSON.parse(raw) as ApiChildConfig;
  if (typeof parsed?.databaseUrl !== 'string' || typeof parsed.config?.port !== 'number') {
    throw new Error(`${API_CONFIG_ENV} does not hold an API config.`);
  }
  return parsed;
}

/** Messages the API child sends its supervisor over IPC. */
export type ApiChildMessage = {type: 'log'; line: string} | {type: 'ready'} | {type: 'failed'; message: string};

export function isApiChildMessage(m: unknown): m is ApiChildMessage {
  return typeof m === 'object' && m !== null && typeof (m as {type?: unknown}).type === 'string';
}
