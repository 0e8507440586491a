import {zeroPostgresJS} from '@rocicorp/zero/server/adapters/postgresjs';
import {schema} from '../../schema/index.ts';
import type {Sql} from '../db/connect.ts';

export function createDbProvider(sql: Sql) {
  return zeroPostgresJS(schema, sql);
}
export type DbProvider = ReturnType<typeof createDbProvider>;
