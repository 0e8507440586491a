import {chmodSync, cpSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import shift from 'postgres-shift';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {titleFromProblem} from '../../rules/ticket-title.ts';
import {ROOT_DIR} from '../../server/config.ts';
import {connect, type Sql} from '../../server/db/connect.ts';
import {startEmbeddedPostgres} from '../../server/db/embedded-postgres.ts';
import {migrate} from '../../server/db/migrate.ts';
import {NORTHWIND} from '../../server/seed/demo-people.ts';
import type {TestDatabase} from '../support/database.ts';
import {freePort} from '../support/free-port.ts';
import {databaseSuite} from '../support/suites.ts';
import {demoContext, type Outcome, type serverMutator} from '../support/server-mutate.ts';

const LONG = 'Since the office moved to the new building the VPN drops every few minutes for the whole finance team, and the month-end close keeps failing';

/** Problem statements and the titles made from them: first line, spaces collapsed, cut at a word past 80 characters. */
const SAMPLES: [string, string][] = [
  ['Printer offline', 'Printer offline'],
  ['  \n\t Outlook   keeps\tasking for a password  \nsince this morning, all users', 'Outlook keeps asking for a password'],
  ['Fax line dead\r\nsince the storm', 'Fax line dead'],
  [LONG, 'Since the office moved to the new building the VPN drops every few minutes for…'],
  ['x'.repeat(120), `${'x'.repeat(79)}…`],
  [`short ${'y'.repeat(100)}`, `short ${'y'.repeat(73)}…`], // the only space is too early: cut mid-word
  [`Ünïcödé ✓ 🙂 ${'é'.repeat(90)}`, `Ünïcödé ✓ 🙂 ${'é'.repeat(79 - 12)}…`],
];

/**
 * Short titles (issue #21): the intake mutators' optional `title`, the title
 * made from the problem when there is none (the same in TypeScript and SQL),
 * and the migration that gives every ticket taken before titles one.
 */
describe('ticket titles', () => {
  describe('the migration', () => {
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
      for (const name of readdirSync(path.join(ROOT_DIR, 'migrations')).filter(n => n < '00020')) {
        cpSync(path.join(ROOT_DIR, 'migrations', name), path.join(before, name), {recursive: true});
      }
      await shift({sql, path: before});
    }, 120_000);
    afterAll(async () => {
      await sql?.end({timeout: 5});
      await stop?.();
      rmSync(dir, {recursive: true, force: true});
    });

    it('gives every old ticket the title made from its problem, fills blank titles on later inserts, and makes the same titles as TypeScript', async () => {
      const person = crypto.randomUUID();
      await sql`insert into account (id, name, created_at) values (${NORTHWIND.id}, ${NORTHWIND.name}, 0)`;
      await sql`insert into member (id, account_id, email, name, role, created_at) values (${person}, ${NORTHWIND.id}, 'p@example.test', 'P', 'l1_tech', 0)`;
      const old = SAMPLES.map(([problem], i) => ({id: crypto.randomUUID(), problem, at: 1000 + i}));
      for (const t of old) {
        await sql`insert into ticket (id, account_id, problem_statement, status, created_by, created_at, updated_at)
          values (${t.id}, ${NORTHWIND.id}, ${t.problem}, 'open', ${person}, ${t.at}, ${t.at})`;
      }

      await migrate(sql, () => {});

      const rows = await sql<{id: string; title: string}[]>`select id, title from ticket`;
      for (const [i, [problem, expected]] of SAMPLES.entries()) {
        expect(rows.find(r => r.id === old[i]!.id)!.title, problem).toBe(expected);
        expect(titleFromProblem(problem), problem).toBe(expected);
      }
      // A row written outside the mutators (a fixture, a job) gets one too; a given one stays.
      const later = crypto.randomUUID();
      const named = crypto.randomUUID();
      await sql`insert into ticket (id, account_id, problem_statement, status, created_by, created_at, updated_at)
        values (${later}, ${NORTHWIND.id}, 'Scanner emails never arrive\nsince Monday', 'open', ${person}, 9000, 9000)`;
      await sql`insert into ticket (id, account_id, problem_statement, title, status, created_by, created_at, updated_at)
        values (${named}, ${NORTHWIND.id}, 'Scanner emails never arrive', 'Scan to email', 'open', ${person}, 9001, 9001)`;
      const [a] = await sql`select title from ticket where id = ${later}`;
      const [b] = await sql`select title from ticket where id = ${named}`;
      expect(a!.title).toBe('Scanner emails never arrive');
      expect(b!.title).toBe('Scan to email');
      // Blanked later, it is made again rather than left empty.
      await sql`update ticket set title = '  ' where id = ${named}`;
      expect((await sql`select title from ticket where id = ${named}`)[0]!.title).toBe('Scanner emails never arrive');
      // The member's theme starts unset, and takes only the three choices.
      expect((await sql`select theme from member where id = ${person}`)[0]!.theme).toBeNull();
      await expect(sql`update member set theme = 'sepia' where id = ${person}`).rejects.toThrow(/check/);
    });
  });

  describe('the intake mutators', () => {
    let db: TestDatabase;
    let mutate: ReturnType<typeof serverMutator>;
    const l1 = demoContext('l1@northwind.test');
    databaseSuite(world => ({db, mutate} = world));
    const code = (o: Outcome) => (o.ok ? 'ok' : o.code);
    const titleOf = async (ticketId: string) => (await db.sql`select title from ticket where id = ${ticketId}`)[0]?.title;
    const fresh = () => crypto.randomUUID();

    it('ticket.intake and ticket.escalateWithoutWalk keep a typed title, make one when it is missing or blank, and refuse one past 80 characters', async () => {
      const typed = {ticketId: fresh(), walkId: fresh()};
      expect(await mutate(l1, 'ticket.intake', {...typed, problemStatement: LONG, title: '  VPN drops   for finance '})).toEqual({ok: true});
      expect(await titleOf(typed.ticketId)).toBe('VPN drops for finance');

      // The contract's arguments alone, as every older caller sends them.
      const none = {ticketId: fresh(), walkId: fresh()};
      expect(await mutate(l1, 'ticket.intake', {...none, problemStatement: LONG})).toEqual({ok: true});
      expect(await titleOf(none.ticketId)).toBe(titleFromProblem(LONG));

      const blank = {ticketId: fresh(), walkId: fresh()};
      expect(await mutate(l1, 'ticket.intake', {...blank, problemStatement: 'Printer offline\nfloor 2', title: '   '})).toEqual({ok: true});
      expect(await titleOf(blank.ticketId)).toBe('Printer offline');

      const nulled = {ticketId: fresh(), walkId: fresh()};
      expect(await mutate(l1, 'ticket.intake', {...nulled, problemStatement: 'Mouse jumps', title: null})).toEqual({ok: true});
      expect(await titleOf(nulled.ticketId)).toBe('Mouse jumps');

      const tooLong = {ticketId: fresh(), walkId: fresh()};
      const refused = await mutate(l1, 'ticket.intake', {...tooLong, problemStatement: 'x', title: 't'.repeat(81)});
      expect(code(refused)).toBe('invalid_input');
      expect(code(await mutate(l1, 'ticket.intake', {...tooLong, problemStatement: 'x', title: 42}))).toBe('invalid_input');
      expect(await titleOf(tooLong.ticketId)).toBeUndefined();

      const escalated = {ticketId: fresh(), walkId: fresh(), handoffId: fresh()};
      expect(await mutate(l1, 'ticket.escalateWithoutWalk', {...escalated, problemStatement: LONG, title: 'Finance VPN', reasonCategory: 'Other'})).toEqual({
        ok: true,
      });
      expect(await titleOf(escalated.ticketId)).toBe('Finance VPN');
      const escalatedNone = {ticketId: fresh(), walkId: fresh(), handoffId: fresh()};
      expect(await mutate(l1, 'ticket.escalateWithoutWalk', {...escalatedNone, problemStatement: 'Fax line dead', reasonCategory: 'Other'})).toEqual({ok: true});
      expect(await titleOf(escalatedNone.ticketId)).toBe('Fax line dead');
    });
  });
});
