import type {Context} from 'hono';
import {secureHeaders} from 'hono/secure-headers';

/**
 * The browser-facing security headers on every answer: a Content Security
 * Policy fitted to the built client (its own scripts and styles only, no
 * inline script, no eval; network to this origin and to zero-cache over
 * http(s) and ws(s)), no framing, no MIME sniffing, and a referrer that
 * never carries paths to other sites.
 *
 * `zeroUrlFor` is where the page reaches zero-cache for this request (it
 * depends on the host the browser used), so connect-src is per request.
 */
export function securityHeaders(zeroUrlFor: (requestUrl: URL) => string) {
  const zeroOrigins = (c: Context) => {
    const zero = new URL(zeroUrlFor(new URL(c.req.url)));
    const socket = `${zero.protocol === 'https:' ? 'wss:' : 'ws:'}//${zero.host}`;
    return `${zero.origin} ${socket}`;
  };
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
