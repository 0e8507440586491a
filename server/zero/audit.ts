import type {ServerTransaction, Transaction} from '@rocicorp/zero';
import {canUseL1Workspace, l1ActingAs} from '../../rules/permissions.ts';
import {factsOf, type AuditedMutatorName} from '../../mutators/index.ts';
import type {ActingAs, TandemContext} from '../../schema/index.ts';
import type {SecurityAction} from '../people/security-events.ts';
import {asServerTransaction} from '../../rules/server-transaction.ts';

type Args = Record<string, unknown>;

/** Every action an audit row can name: the audited mutators, and what the server writes itself. */
export type AuditedAction = AuditedMutatorName | 'invite.accept' | 'flow.draft' | SecurityAction;

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
  await insertAuditRow(asServerTransaction(tx), {
    account_id: ctx.accountId,
    actor_user_id: ctx.userId,
    action: mutatorName as AuditedAction,
    subject_type: subject.type,
    subject_id: subject.id,
    acting_as: actingAs,
    details: subject.details ?? null,
  });
}

type AuditRow = {
  account_id: string;
  actor_user_id: string;
  action: AuditedAction;
  subject_type: string;
  subject_id: string;
  acting_as: ActingAs;
  details: unknown;
  at?: number;
};

/**
 * Writes one audit row in the transaction. In SQL, not Zero's CRUD: the
 * audit log is not in the Zero schema (it is not synced; the owner's page
 * reads it over HTTP, server/http/audit.ts).
 */
export async function insertAuditRow(tx: ServerTransaction, row: AuditRow): Promise<void> {
  await tx.dbTransaction.query(
    `insert into audit_log (id, account_id, actor_user_id, action, subject_type, subject_id, acting_as, details, at)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`,
    [
      crypto.randomUUID(),
      row.account_id,
      row.actor_user_id,
      row.action,
      row.subject_type,
      row.subject_id,
      row.acting_as,
      // The parameter is typed jsonb: postgres.js serializes the value itself (a string would be stored as a JSON string).
      row.details ?? null,
      row.at ?? Date.now(),
    ],
  );
}
