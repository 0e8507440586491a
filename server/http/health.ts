import {Hono} from 'hono';
import type {Sql} from '../db/connect.ts';

type Check = {ok: boolean; error?: string};

async function checkDatabase(sql: Sql): Promise<Check> {
  try {
    await sql`select 1`;
    return {ok: true};
  } catch (error) {
    return {ok: false, error: error instanceof Error ? error.message : String(error)};
  }
}

async function checkZeroCache(url: string): Promise<Check> {
  try {
    const res = await fetch(`${url}/keepalive`, {signal: AbortSignal.timeout(2000)});
    return res.ok ? {ok: true} : {ok: false, error: `zero-cache answered ${res.status}`};
  } catch (error) {
    return {ok: false, error: error instanceof Error ? error.message : String(error)};
  }
}

/** GET /api/health: 200 once the database and zero-cache answer, else 503 naming what fails. */
export function healthRoute(sql: Sql, zeroCacheUrl: string) {
  const app = new Hono();
  app.get('/', async c => {
    const [database, zeroCache] = await Promise.all([checkDatabase(sql), checkZeroCache(zeroCacheUrl)]);
    const ok = database.ok && zeroCache.ok;
    const failing = [!database.ok && 'database', !zeroCache.ok && 'zero-cache'].filter(Boolean);
    return c.json({status: ok ? 'ok' : 'unavailable', failing, database, zeroCache}, ok ? 200 : 503);
  });
  return app;
}
