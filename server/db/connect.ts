import postgres from 'postgres';
import {withReserveDeadline} from './reserve-deadline.ts';

export type Sql = postgres.Sql;

/**
 * A postgres.js pool; `searchPath` pins the schema (better-auth uses `auth`).
 * Its `reserve()` settles within a deadline (server/db/reserve-deadline.ts).
 */
export function connect(url: string, options: {max?: number; searchPath?: string} = {}): Sql {
  return withReserveDeadline(
    postgres(url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connection: options.searchPath ? {search_path: options.searchPath} : {},
    }),
  );
}
