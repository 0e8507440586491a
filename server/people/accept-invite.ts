import type {ServerTransaction} from '@rocicorp/zero';
import {hashPassword} from 'better-auth/crypto';
import * as v from 'valibot';
import {TandemError} from '../../rules/errors.ts';
import {assertSeatFree} from '../../rules/seats.ts';
import type {Role} from '../../schema/index.ts';
import type {DbProvider} from '../zero/db-provider.ts';
import {hashInviteCode} from './invite-code.ts';
import {asServerTransaction} from '../../rules/server-transaction.ts';
import {insertAuditRow} from '../zero/audit.ts';

/** Unknown, expired, revoked and used codes all get this one answer. */
export class InvalidInviteError extends Error {
  constructor() {
    super('This invite link is not valid any more. Ask an owner of your team for a new one.');
  }
}

type InviteRow = {
  id: string;
  account_id: string;
  email: string;
  role: Role;
  expires_at: number;
  revoked_at: number | null;
  accepted_at: number | null;
};

export const acceptInviteBody = v.object({
  code: v.pipe(v.string(), v.minLength(16), v.maxLength(200)),
  name: v.pipe(v.string(), v.trim(), v.nonEmpty('Enter your name.'), v.maxLength(120)),
  password: v.pipe(v.string(), v.minLength(8, 'Use at least 8 characters.'), v.maxLength(128)),
});

async function usableInvite(tx: ServerTransaction, code: string, lock: boolean): Promise<InviteRow> {
  const rows = Array.from(
    await tx.dbTransaction.query(
      `select id, account_id, email, role, expires_at, revoked_at, accepted_at from invite where code_hash = $1${lock ? ' for update' : ''}`,
      [hashInviteCode(code)],
    ),
  ) as InviteRow[];
  const invite = rows[0];
  if (!invite || invite.revoked_at || invite.accepted_at || invite.expires_at < Date.now()) throw new InvalidInviteError();
  return invite;
}

/** What the accept page shows before the invitee commits. */
export async function describeInvite(db: DbProvider, code: string) {
  return db.transaction(async tx => {
    const invite = await usableInvite(asServerTransaction(tx), code, false);
    const [account] = Array.from(await asServerTransaction(tx).dbTransaction.query('select name from account where id = $1', [invite.account_id])) as {
      name: string;
    }[];
    return {email: invite.email, role: invite.role, accountName: account?.name ?? ''};
  });
}

/**
 * Creates the invitee's login and membership in one transaction, under the
 * invite's and the account's row locks: of two people accepting invites for
 * the last seat at once, exactly one joins; the other gets
 * `seat_limit_exceeded`. The invite is single use.
 */
export async function acceptInvite(db: DbProvider, input: v.InferOutput<typeof acceptInviteBody>): Promise<{email: string; userId: string}> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async zeroTx => {
    const tx = asServerTransaction(zeroTx);
    const invite = await usableInvite(tx, input.code, true);
    const taken = Array.from(await tx.dbTransaction.query('select 1 from auth."user" where email = $1', [invite.email]));
    if (taken.length) throw new InvalidInviteError();
    await assertSeatFree(tx, invite.account_id, invite.role, undefined, 'member');

    const userId = crypto.randomUUID();
    const now = Date.now();
    await tx.dbTransaction.query('insert into auth."user" (id, name, email, "emailVerified") values ($1, $2, $3, true)', [userId, input.name, invite.email]);
    await tx.dbTransaction.query(`insert into auth."account" (id, "accountId", "providerId", "userId", password) values ($1, $2, 'credential', $2, $3)`, [
      crypto.randomUUID(),
      userId,
      passwordHash,
    ]);
    await tx.mutate.member.insert({
      id: userId,
      account_id: invite.account_id,
      email: invite.email,
      name: input.name,
      role: invite.role,
      can_cover_l1: false,
      active: true,
      created_at: now,
    });
    await tx.mutate.invite.update({id: invite.id, accepted_at: now, accepted_by: userId});
    await insertAuditRow(tx, {
      account_id: invite.account_id,
      actor_user_id: userId,
      action: 'invite.accept',
      subject_type: 'invite',
      subject_id: invite.id,
      acting_as: 'self',
      details: {role: invite.role},
      at: now,
    });
    return {email: invite.email, userId};
  });
}

export {TandemError};
