import type {Sql} from '../../server/db/connect.ts';

export const BARE_APP_ID = 'bare';
export const BARE_PUBLICATION = 'bare_zero';

/**
 * Creates the reference app's table and the publication its zero-cache
 * replicates, at bench time in the bench database (never in migrations).
 */
export async function createBareTable(sql: Sql): Promise<void> {
  await sql.unsafe(`
    create schema if not exists bare;
    create table if not exists bare.item (
      id text primary key,
      room text not null,
      seq integer not null,
      body text not null,
      created_at double precision not null
    );
    create index if not exists item_room_idx on bare.item(room);
  `);
  const [exists] = await sql`select 1 from pg_publication where pubname = ${BARE_PUBLICATION}`;
  if (!exists) await sql.unsafe(`create publication ${BARE_PUBLICATION} for table bare.item`);
}
