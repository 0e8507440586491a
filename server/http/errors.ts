import type {Context} from 'hono';
import {HTTPException} from 'hono/http-exception';
import {transientDatabaseCode} from '../db/transient-db-errors.ts';

/** Every unexpected error answers JSON with a code: never a stack trace. */
export function onError(error: Error, c: Context) {
  if (error instanceof HTTPException) {
    return c.json({error: 'invalid_input', message: error.message}, error.status);
  }
  if (error instanceof SyntaxError) {
    return c.json({error: 'invalid_input', message: 'The request body is not valid JSON.'}, 400);
  }
  // An outage (every request fails alike until the database is back): one line, not a stack each.
  const outage = transientDatabaseCode(error);
  if (outage) console.error(`[api] ${c.req.method} ${c.req.path}: the database is unavailable (${outage})`);
  else console.error(`[api] ${c.req.method} ${c.req.path}:`, error);
  return c.json({error: 'internal', message: 'Something went wrong on the server.'}, 500);
}
