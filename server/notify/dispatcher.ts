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

  /**
   * An in-app delivery is its inbox entry (the person's bell); the id makes a
   * retry a no-op. All entries of a batch go in one statement, so one
   * escalation reaches zero-cache as one replicated transaction, not one per
   * engineer that every connected client group would advance through
   * (bench/README.md, ninth pass). If that fails, row by row, so one bad row
   * fails only its own delivery. Answers the failed deliveries' errors.
   */
  async function writeInboxEntries(deliveries: Claimed[]): Promise<Map<string, string>> {
    const failures = new Map<string, string>();
    if (deliveries.length === 0) return failures;
    const row = (d: Claimed) => ({id: d.id, account_id: d.account_id, user_id: d.recipient_user_id, handoff_id: d.handoff_id, created_at: Date.now()});
    try {
      await sql`insert into inbox_entry ${sql(deliveries.map(row))} on conflict (id) do nothing`;
      return failures;
    } catch {
      for (const d of deliveries) {
        try {
          await sql`insert into inbox_entry ${sql(row(d))} on conflict (id) do nothing`;
        } catch (e) {
          failures.set(d.id, errorText(e));
        }
      }
      return failures;
    }
  }

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
    const inboxFailures = await writeInboxEntries(batch.filter(d => d.active && d.channel === 'in_app'));
    const outcomes: {id: string; status: 'sent' | 'failed' | 'suppressed'; error: string | null; sentAt: number | null}[] = [];
    for (const d of batch) {
      let status: 'sent' | 'failed' | 'suppressed' = 'sent';
      let error: string | null = null;
      if (!d.active) status = 'suppressed';
      else if (d.channel === 'in_app') {
        error = inboxFailures.get(d.id) ?? null;
        if (error) status = 'failed';
      } else if (d.channel === 'email') {
        try {
          await email.send({
            to: d.email,
            subject: `[Tandem] New escalation ${d.ticket_ref}: ${d.title}`,
            text: `${d.account_name}: ticket ${d.ticket_ref} was escalated (${d.reason}).\n\n${d.problem}\n\nOpen the handoff in Tandem to pick it up:\n${handoffUrl(publicUrl, d.handoff_id)}`,
          });
        } catch (e) {
          status = 'failed';
          error = errorText(e);
        }
      }
      outcomes.push({id: d.id, status, error, sentAt: status === 'sent' ? Date.now() : null});
    }
    if (outcomes.length) {
      await sql`update notification_delivery n set status = o.status, error = o.error, sent_at = o.sent_at
        from unnest(${outcomes.map(o => o.id)}::text[], ${outcomes.map(o => o.status)}::text[],
                    ${outcomes.map(o => o.error) as string[]}::text[], ${outcomes.map(o => o.sentAt) as number[]}::float8[])
          as o(id, status, error, sent_at)
        where n.id = o.id`;
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
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 500);

/** The handoff's page (its context screen), absolute from the configured public origin. */
export function handoffUrl(publicUrl: string, handoffId: string): string {
  return new URL(`/handoffs/${encodeURIComponent(handoffId)}`, publicUrl).toString();
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
