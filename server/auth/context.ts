import type {TandemContext} from '../../schema/index.ts';
import type {Sql} from '../db/connect.ts';
import {isTransientDatabaseError} from '../zero/transient-db-errors.ts';
import type {Auth} from './auth.ts';

/**
 * Turns a request's session (cookie or bearer token) into the Zero context.
 * No session, an expired one, no membership or a deactivated member: undefined.
 */
export async function contextFromHeaders(
  auth: Auth,
  sql: Sql,
  headers: Headers,
): Promise<TandemContext | undefined> {
  // A database that cannot be reached is an outage (500, retried), never "signed out" (401).
  const session = await auth.api.getSession({headers}).catch(error => {
    if (isTransientDatabaseError(error)) throw error;
    return null;
  });
  if (!session) return undefined;
  const [row] = await sql<{id: string; account_id: string; role: TandemContext['role']; can_cover_l1: boolean}[]>`
    select id, account_id, role, can_cover_l1 from member where id = ${session.user.id} and active`;
  if (!row) return undefined;
  return {userId: row.id, accountId: row.account_id, role: row.role, canCoverL1: row.can_cover_l1};
}
