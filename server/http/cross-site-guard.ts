import type {MiddlewareHandler} from 'hono';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses cross-site state-changing requests that would ride on the
 * session cookie (CSRF). A request that authenticates with
 * `Authorization: Bearer` is not at risk (no site can make a browser attach
 * that header for it) and passes.
 *
 * What counts as cross-site: an `Origin` outside `trustedOrigins`, or
 * `Sec-Fetch-Site: cross-site`. Browsers send `Origin` on every
 * cross-origin POST and on every WebSocket handshake; zero-cache forwards
 * the handshake's `Origin` (with the cookie) when it calls
 * /api/zero/mutate and /api/zero/query for a browser, so a page on another
 * site that opens a socket to zero-cache is refused here too. A request
 * with neither header did not come from a page on another site (curl,
 * server-to-server) and passes.
 */
export function crossSiteGuard(trustedOrigins: string[]): MiddlewareHandler {
  const trusted = new Set(trustedOrigins.map(o => new URL(o).origin));
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (/^bearer\s/i.test(c.req.header('authorization') ?? '')) return next();
    const origin = c.req.header('origin');
    const fetchSite = c.req.header('sec-fetch-site');
    const crossSite = (origin !== undefined && !trusted.has(origin)) || (fetchSite !== undefined && fetchSite === 'cross-site');
    if (crossSite) {
      return c.json({error: 'forbidden', message: 'Cross-site requests are not allowed.'}, 403);
    }
    return next();
  };
}
