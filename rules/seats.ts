import type {Transaction} from '@rocicorp/zero';
import {zql, type Role} from '../schema/index.ts';
import {fail} from './errors.ts';
import {lockRow} from './locks.ts';

const SEATED: Partial<Record<Role, {column: 'engineer_seat_limit' | 'l1_seat_limit'; label: string}>> = {
  engineer: {column: 'engineer_seat_limit', label: 'engineer'},
  l1_tech: {column: 'l1_seat_limit', label: 'L1'},
};

/** Active members holding a seat of `role`, optionally not counting one person. */
export async function seatsInUse(tx: Transaction, accountId: string, role: Role, excludingMemberId?: string): Promise<number> {
  const holders = await tx.run(zql.member.where('account_id', accountId).where('role', role).where('active', true));
  return holders.filter(m => m.id !== excludingMemberId).length;
}

/**
 * Refuses adding one more `role` seat past the account's limit
 * (`seat_limit_exceeded` with {role, current, limit}). `null` limits are
 * unlimited; an account already over its limit keeps working, it only
 * cannot add more.
 */
export async function assertSeatFree(
  tx: Transaction,
  accountId: string,
  role: Role,
  excludingMemberId?: string,
  /** Who is told: an owner can raise the limit, anyone else asks one. */
  audience: 'owner' | 'member' = 'owner',
): Promise<void> {
  const seated = SEATED[role];
  if (!seated) return;
  // The account's row lock: seat checks of one account (two invites accepted
  // for the last seat) run one after the other.
  await lockRow(tx, 'account', accountId);
  const account = await tx.run(zql.account.where('id', accountId).one());
  if (!account) return; // client without the account row: the server decides
  const limit = account[seated.column];
  if (limit === null || limit === undefined) return;
  const current = await seatsInUse(tx, accountId, role, excludingMemberId);
  if (current + 1 > limit) {
    const raise = audience === 'owner' ? 'Raise the limit on the Team page.' : 'Ask an owner of the account to raise the limit.';
    fail('seat_limit_exceeded', `All ${limit} ${seated.label} seats are in use (${current}/${limit}). ${raise}`, {role, current, limit});
  }
}
