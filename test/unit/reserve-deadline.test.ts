import type postgres from 'postgres';
import {describe, expect, it} from 'vitest';
import {RESERVE_TIMEOUT, withReserveDeadline} from '../../server/db/reserve-deadline.ts';
import {isTransientDatabaseError} from '../../server/db/transient-db-errors.ts';

/** A pool whose `reserve()` answers when the test says (or never, as postgres.js#1195 can). */
function poolWithReserve() {
  let answer!: (reserved: postgres.ReservedSql) => void;
  let released = 0;
  const reserved = {release: () => void released++} as unknown as postgres.ReservedSql;
  const sql = {reserve: () => new Promise<postgres.ReservedSql>(resolve => (answer = resolve))} as unknown as postgres.Sql;
  return {sql, arrive: () => answer(reserved), released: () => released, reserved};
}

/** server/db/reserve-deadline.ts: no request waits forever for a connection the pool forgot. */
describe('the reserve deadline', () => {
  it('refuses a reserve that never comes as an outage (retried, never "signed out")', async () => {
    const pool = poolWithReserve();
    const error = await withReserveDeadline(pool.sql, 20)
      .reserve()
      .catch((e: unknown) => e);
    expect((error as {code?: string}).code).toBe(RESERVE_TIMEOUT);
    expect(isTransientDatabaseError({cause: error})).toBe(true);
  });

  it('gives back at once a connection that arrives after the refusal', async () => {
    const pool = poolWithReserve();
    await expect(withReserveDeadline(pool.sql, 20).reserve()).rejects.toThrow(/No database connection/);
    pool.arrive();
    await new Promise(r => setTimeout(r, 0));
    expect(pool.released()).toBe(1);
  });

  it('hands over a connection that arrives in time', async () => {
    const pool = poolWithReserve();
    const reserving = withReserveDeadline(pool.sql, 10_000).reserve();
    pool.arrive();
    expect(await reserving).toBe(pool.reserved);
    expect(pool.released()).toBe(0);
  });
});
