import type {Context} from 'hono';
import {HTTPException} from 'hono/http-exception';

/** Every unexpected error answers JSON with a code: never a stack trace. */
export function onError(error: Error, c: Context) {
  if (error instanceof HTTPException) {
    return c.json({error: 'invalid_input', message: error.message}, error.status);
  }
  if (error instanceof SyntaxError) {
    return c.json({error: 'invalid_input', message: 'The request body is not valid JSON.'}, 400);
  }
  console.error(`[api] ${c.req.method} ${c.req.path}:`, error);
  return c.json({error: 'internal', message: 'Something went wrong on the server.'}, 500);
}
