/** How long a held-back client waits before it connects and pushes again. */
export const THROTTLED_RETRY_SECONDS = 2;

export const SLOW_DOWN = 'Too many changes at once: slow down. They are kept on this device and sent again in a moment.';

/**
 * Whether Zero's connection state says the server held this client back:
 * the API answered a push with 429 `rate_limited` (server/zero/rate-limits.ts)
 * and zero-cache closed the connection with it. Zero's public state carries
 * only the sentence ("Fetch from API server returned non-OK status 429"),
 * or, from its internals, the error body with the status. The changes stay
 * queued here; keep-connected.ts reconnects after THROTTLED_RETRY_SECONDS.
 */
export function throttledFor(state: {name: string; reason?: unknown}): {seconds: number; message: string} | undefined {
  if (state.name !== 'error' && state.name !== 'connecting') return undefined;
  const reason = state.reason;
  const body = (reason as {errorBody?: {kind?: string; status?: number}} | undefined)?.errorBody;
  const held =
    (typeof reason === 'string' && /\bstatus 429\b/.test(reason)) ||
    (reason instanceof Error && /\bstatus 429\b/.test(reason.message)) ||
    (body?.kind === 'PushFailed' && body.status === 429);
  return held ? {seconds: THROTTLED_RETRY_SECONDS, message: SLOW_DOWN} : undefined;
}
