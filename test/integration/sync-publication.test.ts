import {describe, expect, it} from 'vitest';
import {schema} from '../../schema/index.ts';
import type {TestDatabase} from '../support/database.ts';
import {demoContext, type serverMutator} from '../support/server-mutate.ts';
import {databaseSuite} from '../support/suites.ts';

/**
 * zero-cache replicates the `tandem_sync` publication (ZERO_APP_PUBLICATIONS),
 * which must name exactly the tables of the Zero schema: a synced table left
 * out would never reach a client, a server-only table left in costs every
 * connected client a pass over each of its writes.
 */
describe('the sync publication', () => {
  let db: TestDatabase;
  let mutate: ReturnType<typeof serverMutator>;
  databaseSuite(world => ({db, mutate} = world));

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

  it('gives a step one unique key: zero-cache reads a change back once per key in every client group', async () => {
    const unique = await db.sql<{indexname: string}[]>`
      select c.relname as indexname from pg_index i join pg_class c on c.oid = i.indexrelid
      where i.indrelid = 'public.walk_step'::regclass and i.indisunique`;
    expect(unique.map(u => u.indexname)).toEqual(['walk_step_pkey']);
    // The rule the second key held stays: the id is the walk's id and the step's number.
    const walkId = crypto.randomUUID();
    const started = await mutate(demoContext('l1@northwind.test'), 'ticket.intake', {
      ticketId: crypto.randomUUID(),
      walkId,
      problemStatement: 'VPN drops',
      flowId: null,
    });
    expect(started).toEqual({ok: true});
    const [walk] = await db.sql<{id: string; account_id: string; driver_user_id: string}[]>`select id, account_id, driver_user_id from walk where id = ${walkId}`;
    const step = (id: string, seq: number) => db.sql`
      insert into walk_step (id, account_id, walk_id, seq, node_id, question, answer, recorded_by, recorded_at)
      values (${id}, ${walk.account_id}, ${walk.id}, ${seq}, 'n', 'q', 'a', ${walk.driver_user_id}, 0)`;
    await expect(step(`${walk.id}:x`, 900)).rejects.toThrow(/walk_step_id_is_walk_and_seq/);
    await step(`${walk.id}:901`, 901);
    await expect(step(`${walk.id}:901`, 901)).rejects.toThrow(/walk_step_pkey/);
    await db.sql`delete from walk_step where id = ${`${walk.id}:901`}`;
  });

  it('gives a read mark one unique key too, its id the handoff’s and the reader’s', async () => {
    const unique = await db.sql<{indexname: string}[]>`
      select c.relname as indexname from pg_index i join pg_class c on c.oid = i.indexrelid
      where i.indrelid = 'public.handoff_read'::regclass and i.indisunique`;
    expect(unique.map(u => u.indexname)).toEqual(['handoff_read_pkey']);
    const [check] = await db.sql<{def: string}[]>`
      select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'handoff_read_id_is_handoff_and_user'`;
    expect(check?.def).toMatch(/handoff_id.*user_id/);
  });
});
