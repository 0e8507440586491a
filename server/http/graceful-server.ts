import type {Server} from 'node:http';
import {serve} from '@hono/node-server';

type GracefulServer = {
  /** Requests being answered right now. */
  inFlight: () => number;
  /**
   * Stops accepting connections, lets the requests in flight finish and
   * answer (at most `timeoutMs`), then closes every connection.
   */
  drain: (timeoutMs: number) => Promise<void>;
};

/**
 * Serves `fetch` on `port` (all interfaces) and knows how many requests are
 * in flight, so that a shutdown can wait for them: a mutation that is being
 * applied when SIGTERM arrives still commits and gets its answer.
 */
export async function listenGracefully(fetch: (request: Request) => Response | Promise<Response>, port: number): Promise<GracefulServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({fetch, port, hostname: '0.0.0.0'}, () => resolve(s as Server));
    s.once('error', reject);
  });

  let inFlight = 0;
  let draining = false;
  let onIdle: (() => void) | undefined;
  server.on('request', (_req, res) => {
    inFlight++;
    // While draining, a request that still arrives on an open keep-alive
    // connection is answered, and that connection is then closed.
    if (draining && !res.headersSent) res.setHeader('connection', 'close');
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) onIdle?.();
    });
  });

  return {
    inFlight: () => inFlight,
    async drain(timeoutMs) {
      draining = true;
      const closed = new Promise<void>(resolve => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([new Promise<void>(resolve => (onIdle = resolve)), new Promise<void>(resolve => (timer = setTimeout(resolve, timeoutMs)))]);
        clearTimeout(timer);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
