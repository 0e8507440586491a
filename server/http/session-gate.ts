import {createMiddleware} from 'hono/factory';
import type {TandemContext} from '../../schema/index.ts';

/** How a request's session becomes the Zero context (server/auth/context.ts); undefined when signed out. */
export type ContextOf = (headers: Headers) => Promise<TandemContext | undefined>;

/** A route behind the gate reads the caller as `c.get('ctx')`. */
export type Gated = {Variables: {ctx: TandemContext}};

/**
 * The one session check of the API's own routes: the caller's context on
 * the request, or 401 `unauthenticated` before the handler runs. Put on
 * each route (not on a router's `*`), so that an unknown path still
 * answers 404.
 */
export function sessionGate(contextOf: ContextOf) {
  return createMiddleware<Gated>(async (c, next) => {
    const ctx = await contextOf(c.req.raw.headers);
    if (!ctx) return c.json({error: 'unauthenticated'}, 401);
    c.set('ctx', ctx);
    await next();
  });
}

export type SessionGate = ReturnType<typeof sessionGate>;
