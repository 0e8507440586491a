import {describe, expect, it} from 'vitest';
import {createDispatcher} from '../../server/notify/dispatcher.ts';
import type {EmailMessage} from '../../server/notify/email-transport.ts';
import type {TestDatabase} from '../support/database.ts';
import {databaseSuite} from '../support/suites.ts';
import {demoContext, type Outcome, type serverMutator} from '../support/server-mutate.ts';

/** The in-app inbox (issue #21): the dispatcher's in-app channel, read marks, escalation emails' links. */
describe('the in-app inbox', () => {
  let db: TestDatabase;
  let mutate: ReturnType<typeof serverMutator>;
  const l1 = demoContext('l1@northwind.test');
  const senior = demoContext('senior@northwind.test');
  const owner = demoContext('owner@northwind.test');
  const contosoEngineer = demoContext('engineer@contoso.test');
  databaseSuite(world => ({db, mutate} = world));

  const code = (o: Outcome) => (o.ok ? 'ok' : o.code);
  const sent: EmailMessage[] = [];
  const dispatcher = () => createDispatcher(db.sql, {name: 'memory', send: async m => void sent.push(m)}, () => {}, {publicUrl: 'https://help.example.test'});

  async function escalated() {
    const ids = {ticketId: crypto.randomUUID(), walkId: crypto.randomUUID(), handoffId: crypto.randomUUID()};
    expect(await mutate(l1, 'ticket.intake', {ticketId: ids.ticketId, walkId: ids.walkId, problemStatement: 'VPN drops every hour'})).toEqual({ok: true});
    expect(await mutate(l1, 'walk.escalate', {walkId: ids.walkId, handoffId: ids.handoffId, reasonCategory: 'Out of L1 scope'})).toEqual({ok: true});
    return ids;
  }
  const entriesOf = (handoffId: string) =>
    db.sql<{id: string; user_id: string; read_at: number | null}[]>`select id, user_id, read_at from inbox_entry where handoff_id = ${handoffId} order by user_id`;

  it('each in-app delivery becomes one inbox entry for its recipient, once; the email links to the handoff', async () => {
    const {handoffId} = await escalated();
    expect(await entriesOf(handoffId)).toHaveLength(0); // nothing before the dispatcher ran
    await dispatcher().kick();
    const entries = await entriesOf(handoffId);
    const recipients =
      await db.sql`select recipient_user_id from notification_delivery where handoff_id = ${handoffId} and channel = 'in_app' order by recipient_user_id`;
    expect(entries.map(e => e.user_id)).toEqual(recipients.map(r => r.recipient_user_id));
    expect(entries.map(e => e.user_id)).toContain(senior.userId);
    expect(entries.map(e => e.user_id)).not.toContain(l1.userId);
    expect(entries.every(e => e.read_at === null)).toBe(true);
    // A retried dispatch (the row's claim timed out) writes no second entry.
    await db.sql`update notification_delivery set status = 'queued', attempted_at = null where handoff_id = ${handoffId} and channel = 'in_app'`;
    await dispatcher().kick();
    expect(await entriesOf(handoffId)).toHaveLength(entries.length);

    const mail = sent.find(m => m.to === 'senior@northwind.test');
    expect(mail?.text).toContain(`https://help.example.test/handoffs/${handoffId}`);
  });

  it('writes one escalation’s inbox entries in one transaction (one replicated change for zero-cache, not one per engineer) and marks every delivery', async () => {
    const {handoffId} = await escalated();
    await dispatcher().kick();
    const entries = await entriesOf(handoffId);
    expect(entries.length).toBeGreaterThan(1);
    // Rows written by one transaction share its id (xmin).
    const [{transactions}] = await db.sql<{transactions: number}[]>`
      select count(distinct xmin::text)::int as transactions from inbox_entry where handoff_id = ${handoffId}`;
    expect(transactions).toBe(1);
    const statuses = await db.sql<{channel: string; status: string; sent_at: number | null; error: string | null}[]>`
      select channel, status, sent_at, error from notification_delivery where handoff_id = ${handoffId}`;
    expect(statuses.length).toBeGreaterThan(entries.length - 1);
    for (const s of statuses) {
      expect(s.status).toBe('sent');
      expect(s.sent_at).toBeGreaterThan(0);
      expect(s.error).toBeNull();
    }
  });

  it('markRead marks only the caller’s own entry; anyone else’s answers not_found', async () => {
    const {handoffId} = await escalated();
    await dispatcher().kick();
    const entries = await entriesOf(handoffId);
    const seniors = entries.find(e => e.user_id === senior.userId)!;
    const owners = entries.find(e => e.user_id === owner.userId)!;

    expect(code(await mutate(owner, 'inbox.markRead', {entryId: seniors.id}))).toBe('not_found');
    expect(code(await mutate(contosoEngineer, 'inbox.markRead', {entryId: seniors.id}))).toBe('not_found');
    expect(code(await mutate(senior, 'inbox.markRead', {entryId: crypto.randomUUID()}))).toBe('not_found');
    expect(code(await mutate(senior, 'inbox.markRead', {entryId: 'not-a-uuid'}))).toBe('invalid_input');
    expect((await entriesOf(handoffId)).every(e => e.read_at === null)).toBe(true);

    expect(await mutate(senior, 'inbox.markRead', {entryId: seniors.id})).toEqual({ok: true});
    const after = await entriesOf(handoffId);
    expect(after.find(e => e.id === seniors.id)!.read_at).toBeGreaterThan(0);
    expect(after.find(e => e.id === owners.id)!.read_at).toBeNull();
    // Read marks, like the queue's, write no audit row.
    expect(await db.sql`select 1 from audit_log where action like 'inbox.%'`).toHaveLength(0);
  });

  it('markAllRead marks every unread entry of the caller and nobody else’s', async () => {
    const first = await escalated();
    const second = await escalated();
    await dispatcher().kick();
    expect(await mutate(owner, 'inbox.markAllRead', {})).toEqual({ok: true});
    const rows = await db.sql<{user_id: string; read_at: number | null}[]>`
      select user_id, read_at from inbox_entry where handoff_id in (${first.handoffId}, ${second.handoffId})`;
    expect(rows.filter(r => r.user_id === owner.userId).every(r => r.read_at !== null)).toBe(true);
    expect(rows.filter(r => r.user_id === senior.userId).every(r => r.read_at === null)).toBe(true);
    const [{unread}] = await db.sql`select count(*)::int as unread from inbox_entry where user_id = ${owner.userId} and read_at is null`;
    expect(unread).toBe(0);
  });
});
