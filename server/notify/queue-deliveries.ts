import type {ServerTransaction} from '@rocicorp/zero';

/**
 * Writes one `queued` delivery per recipient and channel in the escalating
 * transaction (an outbox): recipients are the account's active engineers and
 * owners except the escalator. A parked handoff notifies nobody.
 */
export async function queueEscalationDeliveries(tx: ServerTransaction, handoffId: string): Promise<void> {
  await tx.dbTransaction.query(
    `insert into notification_delivery (id, account_id, handoff_id, recipient_user_id, channel, status, created_at)
     select gen_random_uuid()::text, h.account_id, h.id, m.id, c.channel, 'queued', $2
     from handoff h
     join member m on m.account_id = h.account_id and m.active and m.role in ('engineer', 'owner') and m.id <> h.escalated_by
     cross join (values ('in_app'), ('email')) as c(channel)
     where h.id = $1 and h.intent = 'escalate'
     on conflict (handoff_id, recipient_user_id, channel) do nothing`,
    [handoffId, Date.now()],
  );
}
