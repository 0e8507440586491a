import type {Context} from 'hono';
import {secureHeaders} from 'hono/secure-headers';

/**
 * The browser-facing security headers on every answer: a Content Security
 * Policy fitted to the built client (its own scripts and styles only, no
 * inline script, no eval; network to this origin and to zero-cache over
 * http(s) and ws(s)), no framing, no MIME sniffing, and a referrer that
 * never carries paths to other sites.
 *
 * `zeroUrlsFor` is where pages may reach zero-cache for this request (every
 * view syncer; it depends on the host the browser used), so connect-src is per request.
 */
export function securityHeaders(zeroUrlsFor: (requestUrl: URL) => string[]) {
  const zeroOrigins = (c: Context) =>
    zeroUrlsFor(new URL(c.req.url))
      .map(url => {
        const zero = new URL(url);
        const socket = `${zero.protocol === 'https:' ? 'wss:' : 'ws:'}//${zero.host}`;
        return `${zero.origin} ${socket}`;
      })
      .join(' ');
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      // The favicon is an inline SVG data URI.
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'", zeroOrigins],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'strict-origin-when-cross-origin',
  });
}
