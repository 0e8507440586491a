import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {serveStatic} from '@hono/node-server/serve-static';
import {Hono} from 'hono';

/** Serves the built client (client/dist) with an SPA fallback to index.html. */
export function staticClient(distDir: string) {
  const app = new Hono();
  const indexFile = path.join(distDir, 'index.html');
  const root = path.relative(process.cwd(), distDir) || '.';
  app.use('/assets/*', serveStatic({root}));
  app.use('*', serveStatic({root}));
  app.get('*', c => {
    if (!existsSync(indexFile)) return c.text('The client is not built: run `npm run build`.', 503);
    return c.html(readFileSync(indexFile, 'utf8'));
  });
  return app;
}
