import {defineMutator} from '../define.ts';
import * as v from 'valibot';
import {zql} from '../../schema/index.ts';
import {ASSIGNABLE_ROLES} from '../member/admin.ts';
import {fail} from '../../rules/errors.ts';
import {canManageAccount, requireContext} from '../../rules/permissions.ts';
import {assertSeatFree} from '../../rules/seats.ts';
import {loadOwned} from '../../rules/tenancy.ts';
import {id} from '../../rules/validators.ts';

export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export const createInviteArgs = v.object({
  inviteId: id,
  email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email('must be an email address'), v.maxLength(254)),
  // Never owner: ownership only moves by a transfer (docs/tenancy.md).
  role: v.picklist(ASSIGNABLE_ROLES, 'must be engineer, l1_tech or viewer'),
  // SHA-256 (hex) of the secret code in the link; the code itself never leaves the inviter's browser.
  codeHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest')),
});

/** An owner invites an email with a role (the seat is checked now and again on acceptance). */
export const create = defineMutator(
  createInviteArgs,
  {
    audit: a => ({type: 'invite', id: String(a.inviteId), details: {email: String(a.email), role: String(a.role)}}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = requireContext(ctx);
    if (!canManageAccount(caller)) fail('forbidden', 'Only owners invite people.');
    const existing = await tx.run(zql.invite.where('id', args.inviteId).one());
    if (existing) {
      if (existing.account_id === caller.accountId) return; // replay
      fail('invalid_input', 'inviteId is already in use.', {field: 'inviteId'});
    }
    const member = await tx.run(zql.member.where('email', args.email).one());
    if (member?.account_id === caller.accountId) fail('invalid_input', 'That person is already a member.', {field: 'email'});
    if (member) fail('invalid_input', 'That email already has a Tandem account.', {field: 'email'});
    await assertSeatFree(tx, caller.accountId, args.role);
    const now = Date.now();
    await tx.mutate.invite.insert({
      id: args.inviteId,
      account_id: caller.accountId,
      email: args.email,
      role: args.role,
      code_hash: args.codeHash,
      created_by: caller.userId,
      created_at: now,
      expires_at: now + INVITE_LIFETIME_MS,
    });
  },
);

export const revokeInviteArgs = v.object({inviteId: id});

export const revoke = defineMutator(
  revokeInviteArgs,
  {
    audit: a => ({type: 'invite', id: String(a.inviteId)}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = requireContext(ctx);
    if (!canManageAccount(caller)) fail('forbidden', 'Only owners revoke invites.');
    const invite = await loadOwned(tx, caller, 'invite', args.inviteId, 'Invite');
    if (!invite) return;
    if (invite.accepted_at) fail('invalid_state', 'That invite was already used.');
    if (invite.revoked_at) return;
    await tx.mutate.invite.update({id: invite.id, revoked_at: Date.now()});
  },
);
