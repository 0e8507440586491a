import {chmodSync, mkdtempSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {configFromEnv} from '../../server/config.ts';
import {PortInUseError} from '../../server/ports.ts';
import {startTandem} from '../../server/start.ts';
import {queries} from '../../queries/index.ts';
import {freePort} from '../support/free-port.ts';
import {signIn} from '../support/sign-in.ts';
import {eventually, zeroClient} from '../support/zero-client.ts';

type Sqlite = new (
  file: string,
  options?: {readonly?: boolean; fileMustExist?: boolean},
) => {prepare: (sql: string) => {all: () => {name: string}[]}; close: () => void};
/** The SQLite build zero-cache itself uses, to look into its replica. */
const Sqlite = createRequire(import.meta.url)('@rocicorp/zero-sqlite3') as Sqlite;

/** `npm start` twice reuses the data; a taken port gets one clear sentence. */
describe('starting again', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-restart-'));
  chmodSync(dataDir, 0o755);
  afterAll(() => rmSync(dataDir, {recursive: true, force: true}));

  async function config(dir = dataDir) {
    return configFromEnv({
      port: await freePort(),
      zeroPort: await freePort(3),
      embeddedPgPort: await freePort(),
      dataDir: dir,
      databaseUrl: undefined,
      publicZeroUrl: undefined,
      serveClient: false,
      ai: null,
      log: () => {},
    });
  }

  it('keeps tickets and the seeded people across a restart, seeding nothing twice', async () => {
    const first = await startTandem(await config());
    const ticketId = crypto.randomUUID();
    const [owner] = await first.sql`select id, account_id from member where email = 'l1@northwind.test'`;
    await first.sql`insert into ticket (id, account_id, problem_statement, status, created_by, created_at, updated_at)
      values (${ticketId}, ${owner.account_id}, 'Survives a restart', 'open', ${owner.id}, ${Date.now()}, ${Date.now()})`;
    const [{people}] = await first.sql`select count(*)::int as people from member`;
    await first.stop();

    const second = await startTandem(await config());
    try {
      expect(await second.sql`select problem_statement from ticket where id = ${ticketId}`).toEqual([{problem_statement: 'Survives a restart'}]);
      expect((await second.sql`select count(*)::int as people from member`)[0].people).toBe(people);
      const health = await fetch(`${second.appUrl}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      await second.stop();
    }
  }, 240_000);

  it('upgrades a data dir from before the audit log left the sync publication and a step had two unique keys: zero-cache follows by itself', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-upgrade-'));
    chmodSync(dir, 0o755);
    const replicaTables = () => {
      const db = new Sqlite(path.join(dir, 'zero-replica.db'), {readonly: true, fileMustExist: true});
      try {
        return db
          .prepare(`select name from sqlite_master where type = 'table'`)
          .all()
          .map(r => r.name);
      } catch {
        return [];
      } finally {
        db.close();
      }
    };
    /** The replica's unique keys of walk_step, each as its columns joined. */
    const replicaStepKeys = () => {
      const db = new Sqlite(path.join(dir, 'zero-replica.db'), {readonly: true, fileMustExist: true});
      try {
        return (db.prepare(`pragma index_list('walk_step')`).all() as {name: string; unique: number}[])
          .filter(i => i.unique)
          .map(i => (db.prepare(`pragma index_info('${i.name.replaceAll("'", "''")}')`).all() as {name: string}[]).map(c => c.name).join(','))
          .sort();
      } catch {
        return [];
      } finally {
        db.close();
      }
    };
    try {
      // The data dir as the previous version left it: audit_log published (and
      // replicated), migration 00021 not applied yet, nor those after it
      // (00022/00023: one unique key per step and read mark; 00024: the audit
      // log's subject index; 00025: the reset mail queue; 00026: walk cards).
      const first = await startTandem(await config(dir));
      try {
        await first.sql`alter publication tandem_sync add table audit_log`;
        // Every migration from 00021 on is undone: postgres-shift resumes after the highest applied one.
        await first.sql`drop trigger walk_card_on_insert on walk`; // 00026
        await first.sql`drop trigger walk_card_on_update on walk`;
        await first.sql`drop function walk_card_keep()`;
        await first.sql`drop table walk_card`;
        await first.sql`drop table tandem_internal.password_reset_mail`; // 00025
        await first.sql`drop index audit_log_account_subject_at_idx`; // 00024
        // 00023 and 00022: handoff_read and walk_step as they were, a unique pair beside the primary key.
        await first.sql`alter table handoff_read drop constraint handoff_read_id_is_handoff_and_user`;
        await first.sql`drop index handoff_read_handoff_user_idx`;
        await first.sql`alter table handoff_read add constraint handoff_read_handoff_id_user_id_key unique (handoff_id, user_id)`;
        await first.sql`alter table walk_step drop constraint walk_step_id_is_walk_and_seq`;
        await first.sql`drop index walk_step_walk_seq_idx`;
        await first.sql`alter table walk_step add constraint walk_step_walk_id_seq_key unique (walk_id, seq)`;
        await first.sql`delete from migrations where migration_id >= 21`;
        await eventually(replicaTables, tables => tables.includes('audit_log'), 90_000);
        await eventually(replicaStepKeys, keys => keys.includes('walk_id,seq'), 90_000);
      } finally {
        await first.stop();
      }

      const lines: string[] = [];
      const second = await startTandem({...(await config(dir)), log: line => lines.push(line)});
      try {
        expect(lines.some(l => /migration 00021/.test(l))).toBe(true);
        expect(lines.some(l => /migration 00022/.test(l))).toBe(true);
        for (const n of ['00023', '00024', '00025', '00026']) expect(lines.some(l => new RegExp(`migration ${n}`).test(l))).toBe(true);
        expect(await second.sql`select 1 from pg_indexes where indexname = 'audit_log_account_subject_at_idx'`).toHaveLength(1);
        expect(await second.sql`select 1 from pg_publication_tables where pubname = 'tandem_sync' and tablename = 'audit_log'`).toHaveLength(0);
        // zero-cache drops it from its replica by itself, and keeps syncing.
        await eventually(replicaTables, tables => tables.length > 0 && !tables.includes('audit_log'), 90_000);
        // …and picks up the walk cards 00026 adds to it, one for each walk the data dir had.
        await eventually(replicaTables, tables => tables.includes('walk_card'), 90_000);
        const [{missing}] = await second.sql<{missing: number}[]>`
          select count(*)::int as missing from walk w left join walk_card c on c.walk_id = w.id where c.walk_id is null`;
        expect(missing).toBe(0);
        await eventually(replicaStepKeys, keys => keys.length > 0 && !keys.includes('walk_id,seq'), 90_000);
        expect((await fetch(`${second.appUrl}/api/health`)).status).toBe(200);
        const session = await signIn(second.appUrl, 'owner@northwind.test');
        const zero = zeroClient(second.zeroUrl, session);
        try {
          await second.sql`update member set name = 'Olivia Upgraded' where id = ${session.context.userId}`;
          await eventually(
            () => zero.run(queries.member.me(), {type: 'complete'}),
            me => me?.name === 'Olivia Upgraded',
            60_000,
          );
        } finally {
          await zero.close();
        }
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  }, 400_000);

  it('refuses a taken port with a readable message, before starting anything', async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>(r => blocker.listen(port, '0.0.0.0', () => r()));
    try {
      const error = await startTandem({...(await config()), port}).catch(e => e);
      expect(error).toBeInstanceOf(PortInUseError);
      expect(error.message).toBe(`Port ${port} (the web app and API) is already in use. Stop whatever uses it, or choose another port with PORT=<port>.`);
    } finally {
      blocker.close();
    }
  });
});
