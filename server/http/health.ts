import {Hono} from 'hono';
import type {Sql} from '../db/connect.ts';
import type {ZeroPart} from '../zero-cache/zero-parts.ts';

type Check = {ok: boolean; error?: string};

async function checkDatabase(sql: Sql): Promise<Check> {
  try {
    await sql`select 1`;
    return {ok: true};
  } catch (error) {
    return {ok: false, error: error instanceof Error ? error.message : String(error)};
  }
}

async function checkZeroCache(name: string, url: string): Promise<Check> {
  try {
    const res = await fetch(`${url}/keepalive`, {signal: AbortSignal.timeout(2000)});
    return res.ok ? {ok: true} : {ok: false, error: `${name} answered ${res.status}`};
  } catch (error) {
    return {ok: false, error: error instanceof Error ? error.message : String(error)};
  }
}

/**
 * GET /api/health: 200 once the database and every zero-cache part answer,
 * else 503 with `failing` naming what does not: `database`, `zero-cache`
 * (a single one), or `replication-manager` / `view-syncer-N` (several view
 * syncers). `zeroCache` sums up the parts; `parts` has each one by name.
 */
export function healthRoute(sql: Sql, zeroParts: ZeroPart[]) {
  const app = new Hono();
  app.get('/', async c => {
    const [database, ...checks] = await Promise.all([checkDatabase(sql), ...zeroParts.map(part => checkZeroCache(part.name, part.internalUrl))]);
    const parts = Object.fromEntries(zeroParts.map((part, i) => [part.name, {role: part.role, ...checks[i]}]));
    const down = zeroParts.filter((_, i) => !checks[i].ok).map(part => part.name);
    const zeroCache: Check = down.length === 0 ? {ok: true} : {ok: false, error: `down: ${down.join(', ')}`};
    if (zeroParts.length === 1 && !checks[0].ok) zeroCache.error = checks[0].error;
    const ok = database.ok && zeroCache.ok;
    const failing = [...(database.ok ? [] : ['database']), ...down];
    return c.json({status: ok ? 'ok' : 'unavailable', failing, database, zeroCache, parts}, ok ? 200 : 503);
  });
  return app;
}
