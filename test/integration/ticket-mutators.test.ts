import {describe, expect, it} from 'vitest';
import {demoFlows} from '../../server/seed/demo-flows.ts';
import type {TestDatabase} from '../support/database.ts';
import {databaseSuite} from '../support/suites.ts';
import {demoContext, type Outcome, type serverMutator} from '../support/server-mutate.ts';

/** Ticket numbers, customers, and continuing, closing and reopening a ticket, through the server's mutators on real Postgres. */
describe('ticket mutators on the server', () => {
  let db: TestDatabase;
  let mutate: ReturnType<typeof serverMutator>;
  const l1 = demoContext('l1@northwind.test');
  const l1b = demoContext('l1b@northwind.test');
  const senior = demoContext('senior@northwind.test');
  const viewer = demoContext('viewer@northwind.test');
  const contosoOwner = demoContext('owner@contoso.test');
  const outlook = demoFlows.find(f => f.title === "Outlook won't connect")!;

  databaseSuite(world => ({db, mutate} = world));

  const codeOf = (o: Outcome) => (o.ok ? 'ok' : o.code);
  const ticketRow = async (id: string) => (await db.sql`select * from ticket where id = ${id}`)[0];

  async function intake(ctx = l1, extra: Record<string, unknown> = {}) {
    const ticketId = crypto.randomUUID();
    const walkId = crypto.randomUUID();
    const o = await mutate(ctx, 'ticket.intake', {ticketId, walkId, problemStatement: 'VPN drops every hour', ...extra});
    expect(o).toEqual({ok: true});
    return {ticketId, walkId};
  }

  it('20 concurrent intakes of one account take 20 different, consecutive numbers; the other account counts on its own', async () => {
    const results = await Promise.all(
      Array.from({length: 20}, (_, i) =>
        mutate(i % 2 ? l1 : l1b, 'ticket.intake', {ticketId: crypto.randomUUID(), walkId: crypto.randomUUID(), problemStatement: `Concurrent call ${i}`}),
      ),
    );
    expect(results.every(r => r.ok)).toBe(true);
    const rows = await db.sql<{number: number; ref: string}[]>`
      select number, ref from ticket where account_id = ${l1.accountId} and problem_statement like 'Concurrent call %' order by number`;
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map(r => r.number)).size).toBe(20);
    expect(rows[19].number - rows[0].number).toBe(19);
    expect(rows.every(r => r.ref === `NW-${r.number}`)).toBe(true);

    const {ticketId} = await intake(contosoOwner);
    expect((await ticketRow(ticketId)).ref).toMatch(/^CM-10\d\d$/);
  });

  it('a number is the server’s and never changes', async () => {
    const {ticketId} = await intake();
    const {number, ref} = await ticketRow(ticketId);
    await db.sql`update ticket set number = 1, ref = 'XX-1' where id = ${ticketId}`;
    expect(await ticketRow(ticketId)).toMatchObject({number, ref});
  });

  it('intake links the customer record it names, creating it once even when calls race, whatever the case', async () => {
    const name = `Fabrikam ${crypto.randomUUID().slice(0, 6)}`;
    await Promise.all(
      Array.from({length: 8}, (_, i) =>
        mutate(l1, 'ticket.intake', {
          ticketId: crypto.randomUUID(),
          walkId: crypto.randomUUID(),
          problemStatement: 'Printer offline',
          customerName: i % 2 ? name.toUpperCase() : name,
          customerContact: 'Dana · 555-0101',
        }),
      ),
    );
    const customers = await db.sql`select id, name from customer where account_id = ${l1.accountId} and lower(name) = lower(${name})`;
    expect(customers).toHaveLength(1);
    const linked = await db.sql`select customer_id, customer_key, customer_contact_id from ticket where lower(customer_name) = lower(${name})`;
    expect(linked).toHaveLength(8);
    expect(linked.every(t => t.customer_id === customers[0].id && t.customer_key === customers[0].id)).toBe(true);
    expect(new Set(linked.map(t => t.customer_contact_id)).size).toBe(1);
    // The same name at another account is another account's record.
    const {ticketId} = await intake(contosoOwner, {customerName: name});
    expect((await ticketRow(ticketId)).customer_id).not.toBe(customers[0].id);
    // No customer named: nothing linked.
    const bare = await intake();
    expect(await ticketRow(bare.ticketId)).toMatchObject({customer_id: null, customer_key: ''});
  });

  it('a new walk continues a ticket once nobody is on it; audited', async () => {
    const {ticketId, walkId} = await intake(l1, {flowId: outlook.id});
    const again = {ticketId, walkId: crypto.randomUUID(), flowId: outlook.id};
    expect(codeOf(await mutate(l1b, 'ticket.startWalk', again))).toBe('invalid_state'); // the first walk is active
    expect(await mutate(l1, 'walk.escalate', {walkId, handoffId: crypto.randomUUID(), reasonCategory: 'Other'})).toEqual({ok: true});
    expect(codeOf(await mutate(l1b, 'ticket.startWalk', again))).toBe('invalid_state'); // in the queue
    const [{id: handoffId}] = await db.sql`select id from handoff where walk_id = ${walkId}`;
    expect(await mutate(senior, 'handoff.claim', {handoffId})).toEqual({ok: true});
    expect(codeOf(await mutate(l1b, 'ticket.startWalk', again))).toBe('invalid_state'); // claimed
    expect(await mutate(senior, 'handoff.resolve', {handoffId, resolutionNotes: 'Reset the VPN profile'})).toEqual({ok: true});

    expect(codeOf(await mutate(senior, 'ticket.startWalk', again))).toBe('forbidden');
    expect(codeOf(await mutate(viewer, 'ticket.startWalk', again))).toBe('forbidden');
    expect(codeOf(await mutate(contosoOwner, 'ticket.startWalk', again))).toBe('not_found');
    expect(await mutate(l1b, 'ticket.startWalk', again)).toEqual({ok: true});
    expect(await ticketRow(ticketId)).toMatchObject({status: 'walking', assigned_user_id: l1b.userId});
    const walks = await db.sql`select driver_user_id, status, current_node_id from walk where ticket_id = ${ticketId} order by started_at`;
    expect(walks.map(w => w.status)).toEqual(['resolved', 'active']);
    expect(walks[1]).toMatchObject({driver_user_id: l1b.userId, current_node_id: outlook.definition.start});
    const audit = await db.sql`select action from audit_log where subject_id = ${ticketId} order by at`;
    expect(audit.map(a => a.action)).toEqual(['ticket.intake', 'ticket.startWalk']);
    // A replay of the same walk lands once.
    expect(await mutate(l1b, 'ticket.startWalk', again)).toEqual({ok: true});
    expect(await db.sql`select 1 from walk where ticket_id = ${ticketId}`).toHaveLength(2);
  });

  it('close needs a reason and nobody on the ticket; reopen only a resolved ticket; both audited, other accounts get not_found', async () => {
    const {ticketId, walkId} = await intake();
    expect(codeOf(await mutate(l1, 'ticket.close', {ticketId, reason: 'Duplicate'}))).toBe('invalid_state'); // walking
    expect(codeOf(await mutate(l1, 'ticket.reopen', {ticketId}))).toBe('invalid_state'); // not resolved
    await db.sql`update walk set status = 'abandoned' where id = ${walkId}`;
    await db.sql`update ticket set status = 'open' where id = ${ticketId}`;
    expect(codeOf(await mutate(l1, 'ticket.close', {ticketId, reason: '   '}))).toBe('invalid_input');
    expect(codeOf(await mutate(viewer, 'ticket.close', {ticketId, reason: 'Duplicate'}))).toBe('forbidden');
    const foreign = await mutate(contosoOwner, 'ticket.close', {ticketId, reason: 'Duplicate'});
    const missing = await mutate(contosoOwner, 'ticket.close', {ticketId: crypto.randomUUID(), reason: 'Duplicate'});
    expect(foreign).toEqual(missing);
    expect(codeOf(foreign)).toBe('not_found');
    expect(await mutate(senior, 'ticket.close', {ticketId, reason: 'Customer solved it themselves'})).toEqual({ok: true});
    expect(await ticketRow(ticketId)).toMatchObject({status: 'resolved', closed_reason: 'Customer solved it themselves', closed_by: senior.userId});
    expect(codeOf(await mutate(l1, 'ticket.close', {ticketId, reason: 'again'}))).toBe('invalid_state');

    expect(codeOf(await mutate(viewer, 'ticket.reopen', {ticketId}))).toBe('forbidden');
    expect(codeOf(await mutate(contosoOwner, 'ticket.reopen', {ticketId}))).toBe('not_found');
    expect(await mutate(l1, 'ticket.reopen', {ticketId})).toEqual({ok: true});
    expect(await ticketRow(ticketId)).toMatchObject({status: 'open', closed_reason: null, closed_by: null});
    const audit = await db.sql`select action, actor_user_id, details from audit_log where subject_id = ${ticketId} order by at`;
    expect(audit.map(a => a.action)).toEqual(['ticket.intake', 'ticket.close', 'ticket.reopen']);
    expect(audit[1]).toMatchObject({actor_user_id: senior.userId, details: {reason: 'Customer solved it themselves'}});
  });
});
