import type {Sql} from '../db/connect.ts';
import type {EmailTransport} from './email-transport.ts';
import {sendQueuedResetMails} from '../auth/password-reset-mail.ts';

type Claimed = {
  id: string;
  handoff_id: string;
  recipient_user_id: string;
  account_id: string;
  channel: 'in_app' | 'email';
  email: string;
  active: boolean;
  problem: string;
  title: string;
  ticket_ref: string;
  reason: string;
  account_name: string;
};

/** A claimed attempt that did not finish (crash mid-send) may be retried after this long. */
const RETRY_AFTER_MS = 5 * 60 * 1000;

/**
 * Sends queued deliveries after their escalation committed, and the queued
 * password reset mails (server/auth/password-reset-mail.ts). Each batch is
 * claimed with one conditional UPDATE, so two servers never send the same
 * row; a failing channel marks only its own rows `failed`.
 */
export function createDispatcher(sql: Sql, email: EmailTransport, log: (line: string) => void, {publicUrl = 'http://localhost:3000'}: {publicUrl?: string} = {}) {
  let running: Promise<void> | undefined;
  let again = false;

  async function dispatchOnce(): Promise<number> {
    const now = Date.now();
    const batch = await sql<Claimed[]>`
      with claimed as (
        update notification_delivery set attempted_at = ${now}
        where id in (
          select id from notification_delivery
          where status = 'queued' and (attempted_at is null or attempted_at < ${now - RETRY_AFTER_MS})
          order by created_at limit 100 for update skip locked
        )
        returning id, channel, handoff_id, recipient_user_id
      )
      select c.id, c.handoff_id, c.recipient_user_id, h.account_id, c.channel, m.email, m.active, t.problem_statement as problem, t.title, t.ref as ticket_ref, h.reason_category as reason, a.name as account_name
      from claimed c
      join member m on m.id = c.recipient_user_id
      join handoff h on h.id = c.handoff_id
      join ticket t on t.id = h.ticket_id
      join account a on a.id = h.account_id`;
    for (const d of batch) {
      let status: 'sent' | 'failed' | 'suppressed' = 'sent';
      let error: string | null = null;
      if (!d.active) status = 'suppressed';
      else if (d.channel === 'in_app') {
        // An in-app delivery is its inbox entry (the person's bell); the id makes a retry a no-op.
        try {
          await sql`insert into inbox_entry (id, account_id, user_id, handoff_id, created_at)
            values (${d.id}, ${d.account_id}, ${d.recipient_user_id}, ${d.handoff_id}, ${Date.now()})
            on conflict (id) do nothing`;
        } catch (e) {
          status = 'failed';
          error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
        }
      } else if (d.channel === 'email') {
        try {
          await email.send({
            to: d.email,
            subject: `[Tandem] New escalation ${d.ticket_ref}: ${d.title}`,
            text: `${d.account_name}: ticket ${d.ticket_ref} was escalated (${d.reason}).\n\n${d.problem}\n\nOpen the handoff in Tandem to pick it up:\n${handoffUrl(publicUrl, d.handoff_id)}`,
          });
        } catch (e) {
          status = 'failed';
          error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
        }
      }
      await sql`update notification_delivery set status = ${status}, error = ${error},
        sent_at = ${status === 'sent' ? Date.now() : null} where id = ${d.id}`;
    }
    return batch.length;
  }

  async function drain() {
    do {
      again = false;
      try {
        while ((await dispatchOnce()) + (await sendQueuedResetMails(sql, email, publicUrl, log)) > 0);
      } catch (e) {
        log(`notification dispatch failed: ${e instanceof Error ? e.message : e}`);
      }
    } while (again);
  }

  return {
    /** Asks for a dispatch soon; never waits for it and never throws. */
    kick(): Promise<void> {
      if (running) {
        again = true;
        return running;
      }
      running = drain().finally(() => (running = undefined));
      return running;
    },
  };
}
/** The handoff's page (its context screen), absolute from the configured public origin. */
export function handoffUrl(publicUrl: string, handoffId: string): string {
  return new URL(`/handoffs/${encodeURIComponent(handoffId)}`, publicUrl).toString();
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
