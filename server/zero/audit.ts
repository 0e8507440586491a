import type {Transaction} from '@rocicorp/zero';
import {canUseL1Workspace, l1ActingAs} from '../../rules/permissions.ts';
import {factsOf, type AuditedMutatorName} from '../../mutators/index.ts';
import type {TandemContext} from '../../schema/index.ts';
import {asServerTransaction} from '../../rules/server-transaction.ts';

type Args = Record<string, unknown>;

/** Every action an audit row can name: the audited mutators, and what the server writes itself. */
export type AuditedAction = AuditedMutatorName | 'invite.accept' | 'flow.draft';

/**
 * One audit row for a state-changing mutator, in its own transaction: what
 * it is about comes from the mutator's own `audit` fact (mutators/facts.ts);
 * one declared `audit: false` (presence heartbeats, read marks) writes none.
 */
export async function appendAudit(tx: Transaction, ctx: TandemContext, mutatorName: string, args: Args): Promise<void> {
  const facts = factsOf(mutatorName);
  if (!facts?.audit) return;
  const subject = facts.audit(args, ctx);
  const actingAs = facts.l1Workspace && canUseL1Workspace(ctx) ? l1ActingAs(ctx) : 'self';
  await asServerTransaction(tx).mutate.audit_log.insert({
    id: crypto.randomUUID(),
    account_id: ctx.accountId,
    actor_user_id: ctx.userId,
    action: mutatorName,
    subject_type: subject.type,
    subject_id: subject.id,
    acting_as: actingAs,
    details: subject.details ?? null,
    at: Date.now(),
  });
}
