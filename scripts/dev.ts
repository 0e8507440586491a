import {createServer} from 'vite';
import {configFromEnv, ROOT_DIR} from '../server/config.ts';
import {handleSignalsOurselves} from '../server/db/embedded-postgres.ts';
import {startTandem} from '../server/start.ts';
import path from 'node:path';

/**
 * `npm run dev`: the same stack as `npm start`, but the client is served by
 * Vite with hot reload (it proxies /api to the API).
 */
const vitePort = Number(process.env.VITE_PORT ?? 5173);
const devOrigin = `http://localhost:${vitePort}`;
const config = configFromEnv({serveClient: false, trustedOrigins: [devOrigin]});

handleSignalsOurselves();
try {
  const tandem = await startTandem(config);
  process.env.TANDEM_API_PORT = String(config.port);
  const vite = await createServer({configFile: path.join(ROOT_DIR, 'vite.config.ts'), server: {port: vitePort, strictPort: true}});
  await vite.listen();
  console.log(`\n  Tandem (dev, hot reload) is running: open ${devOrigin}\n  (Ctrl-C to stop)\n`);
  const shutdown = async () => {
    await vite.close();
    await tandem.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
} catch (error) {
  console.error(`\nTandem could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
