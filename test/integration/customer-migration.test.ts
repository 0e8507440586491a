import {chmodSync, cpSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import shift from 'postgres-shift';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ROOT_DIR} from '../../server/config.ts';
import {connect, type Sql} from '../../server/db/connect.ts';
import {startEmbeddedPostgres} from '../../server/db/embedded-postgres.ts';
import {migrate} from '../../server/db/migrate.ts';
import {CONTOSO, NORTHWIND} from '../../server/seed/demo-people.ts';
import {freePort} from '../support/free-port.ts';

/**
 * A database from before ticket numbers and customer records (migrations up
 * to 00015), holding free-text customers, brought up to date: every ticket
 * is numbered in the order it was taken, and the customers become records
 * (one per account and name, whatever the case) that the tickets point to.
 */
describe('the ticket numbers and customers migration', () => {
  let dir: string;
  let sql: Sql;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-migration-'));
    chmodSync(dir, 0o755);
    const db = await startEmbeddedPostgres(path.join(dir, 'postgres'), await freePort(), () => {});
    stop = () => db.stop();
    sql = connect(db.url, {max: 4});
    const before = path.join(dir, 'migrations-before');
    for (const name of readdirSync(path.join(ROOT_DIR, 'migrations')).filter(n => n < '00016')) {
      cpSync(path.join(ROOT_DIR, 'migrations', name), path.join(before, name), {recursive: true});
    }
    await shift({sql, path: before});
  }, 120_000);
  afterAll(async () => {
    await sql?.end({timeout: 5});
    await stop?.();
    rmSync(dir, {recursive: true, force: true});
  });

  it('numbers the old tickets by created_at and turns their free-text customers into linked records', async () => {
    const person = {[NORTHWIND.id]: crypto.randomUUID(), [CONTOSO.id]: crypto.randomUUID()};
    for (const account of [NORTHWIND, CONTOSO]) {
      await sql`insert into account (id, name, created_at) values (${account.id}, ${account.name}, 0)`;
      await sql`insert into member (id, account_id, email, name, role, created_at)
        values (${person[account.id]}, ${account.id}, ${`${account.id}@example.test`}, 'Someone', 'l1_tech', 0)`;
    }
    const old = [
      {account: NORTHWIND.id, at: 3000, customer: 'Fabrikam Dental', contact: 'Dana 555-0101'},
      {account: NORTHWIND.id, at: 1000, customer: 'fabrikam dental ', contact: 'dana 555-0101'},
      {account: NORTHWIND.id, at: 2000, customer: 'Litware Inc', contact: null},
      {account: NORTHWIND.id, at: 4000, customer: null, contact: 'walk-in'},
      {account: NORTHWIND.id, at: 5000, customer: '  ', contact: null},
      {account: CONTOSO.id, at: 1500, customer: 'Fabrikam Dental', contact: null},
    ].map(t => ({...t, id: crypto.randomUUID()}));
    for (const t of old) {
      await sql`insert into ticket (id, account_id, customer_name, customer_contact, problem_statement, status, created_by, created_at, updated_at)
        values (${t.id}, ${t.account}, ${t.customer}, ${t.contact}, 'Something broke', 'resolved', ${person[t.account]}, ${t.at}, ${t.at})`;
    }

    await migrate(sql, () => {});

    const tickets = await sql<{id: string; ref: string; number: number; customer_id: string | null; customer_key: string; customer_contact_id: string | null}[]>`
      select id, ref, number, customer_id, customer_key, customer_contact_id from ticket`;
    const row = (i: number) => tickets.find(t => t.id === old[i].id)!;
    // Numbered per account in the order taken.
    expect([1, 2, 0, 3, 4].map(i => row(i).ref)).toEqual(['NW-1001', 'NW-1002', 'NW-1003', 'NW-1004', 'NW-1005']);
    expect(row(5).ref).toBe('CM-1001');

    const customers = await sql<{id: string; account_id: string; name: string}[]>`select id, account_id, name from customer order by account_id, name`;
    expect(customers).toHaveLength(3);
    expect(customers.map(c => [c.account_id, c.name])).toEqual(
      expect.arrayContaining([
        [NORTHWIND.id, 'fabrikam dental'], // the first spelling heard, trimmed
        [NORTHWIND.id, 'Litware Inc'],
        [CONTOSO.id, 'Fabrikam Dental'],
      ]),
    );
    const fabrikam = customers.find(c => c.account_id === NORTHWIND.id && c.name === 'fabrikam dental')!;
    expect(row(0).customer_id).toBe(fabrikam.id);
    expect(row(1).customer_id).toBe(fabrikam.id);
    expect(row(0).customer_key).toBe(fabrikam.id);
    expect(row(5).customer_id).toBe(customers.find(c => c.account_id === CONTOSO.id)!.id);
    expect(row(3)).toMatchObject({customer_id: null, customer_key: '', customer_contact_id: null});
    expect(row(4)).toMatchObject({customer_id: null, customer_key: ''});

    const contacts = await sql`select id, customer_id, contact from customer_contact`;
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({customer_id: fabrikam.id, contact: 'dana 555-0101'});
    expect(row(0).customer_contact_id).toBe(contacts[0].id);
    expect(row(1).customer_contact_id).toBe(contacts[0].id);

    // The next ticket continues each account's sequence.
    const next = crypto.randomUUID();
    await sql`insert into ticket (id, account_id, problem_statement, status, created_by, created_at, updated_at)
      values (${next}, ${NORTHWIND.id}, 'New call', 'open', ${person[NORTHWIND.id]}, 9000, 9000)`;
    const [{ref}] = await sql`select ref from ticket where id = ${next}`;
    expect(ref).toBe('NW-1006');
  });
});
