import {describe, expect, it} from 'vitest';
import {schema} from '../../schema/index.ts';
import type {TestDatabase} from '../support/database.ts';
import {databaseSuite} from '../support/suites.ts';

/**
 * zero-cache replicates the `tandem_sync` publication (ZERO_APP_PUBLICATIONS),
 * which must name exactly the tables of the Zero schema: a synced table left
 * out would never reach a client, a server-only table left in costs every
 * connected client a pass over each of its writes.
 */
describe('the sync publication', () => {
  let db: TestDatabase;
  databaseSuite(world => ({db} = world));

  it('holds exactly the Zero schema’s tables', async () => {
    const rows = await db.sql<{tablename: string; schemaname: string}[]>`
      select schemaname, tablename from pg_publication_tables where pubname = 'tandem_sync'`;
    expect(rows.every(r => r.schemaname === 'public')).toBe(true);
    expect(rows.map(r => r.tablename).sort()).toEqual(Object.keys(schema.tables).sort());
  });

  it('leaves the server-only tables out', async () => {
    const [{n}] = await db.sql<{n: number}[]>`
      select count(*)::int as n from pg_publication_tables
      where pubname = 'tandem_sync' and tablename in ('notification_delivery', 'migrations')`;
    expect(n).toBe(0);
  });

  it('leaves the audit log out: only the owner’s page reads it, over HTTP (GET /api/audit)', async () => {
    const rows = await db.sql`select 1 from pg_publication_tables where pubname = 'tandem_sync' and tablename = 'audit_log'`;
    expect(rows).toHaveLength(0);
    expect(Object.keys(schema.tables)).not.toContain('audit_log');
    // Still written: a state-changing mutator leaves its row (test/integration/audit-endpoint.test.ts reads them).
    const [{n}] = await db.sql<{n: number}[]>`select count(*)::int as n from information_schema.tables where table_name = 'audit_log'`;
    expect(n).toBe(1);
  });
});
