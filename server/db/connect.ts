import postgres from 'postgres';

export type Sql = postgres.Sql;

/** A postgres.js pool; `searchPath` pins the schema (better-auth uses `auth`). */
export function connect(url: string, options: {max?: number; searchPath?: string} = {}): Sql {
  return postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: options.searchPath ? {search_path: options.searchPath} : {},
  });
}
