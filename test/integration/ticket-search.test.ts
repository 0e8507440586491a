import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {queries} from '../../queries/index.ts';
import {pushClient, pushMutation} from '../support/push.ts';
import {signIn, type Session} from '../support/sign-in.ts';
import {startTestStack, type TestStack} from '../support/stack.ts';
import {eventually, zeroClient, type TandemZero} from '../support/zero-client.ts';

/**
 * ticket.search, ticket.byId and the customer queries through real Zero
 * clients and zero-cache: matches in every field docs/tickets.md names, filters,
 * paging past the first page, and nothing of another account; and ticket
 * numbers stay unique when 20 clients push intakes at once.
 */
describe('finding tickets', () => {
  let stack: TestStack;
  let l1: Session;
  let senior: Session;
  let contoso: Session;
  let nwZero: TandemZero;
  let coZero: TandemZero;
  const word = `zebra${crypto.randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    stack = await startTestStack();
    [l1, senior, contoso] = await Promise.all(['l1@northwind.test', 'senior@northwind.test', 'owner@contoso.test'].map(email => signIn(stack.appUrl, email)));
    nwZero = zeroClient(stack.zeroUrl, l1);
    coZero = zeroClient(stack.zeroUrl, contoso);
  }, 240_000);
  afterAll(async () => {
    await Promise.all([nwZero?.close(), coZero?.close()]);
    await stack?.dispose();
  }, 60_000);

  async function must(session: Session, name: string, args: unknown) {
    const {answer, result} = await pushMutation(stack.appUrl, {token: session.token}, name, args);
    if (!result?.ok) throw new Error(`${name} failed: ${answer.text.slice(0, 300)}`);
  }
  async function intake(session: Session, fields: Record<string, unknown>) {
    const ticketId = crypto.randomUUID();
    const walkId = crypto.randomUUID();
    await must(session, 'ticket.intake', {ticketId, walkId, problemStatement: 'Something is off', ...fields});
    return {ticketId, walkId};
  }
  const search = async (zero: TandemZero, args: Parameters<typeof queries.ticket.search>[0]) => zero.run(queries.ticket.search(args), {type: 'complete'});

  it('20 clients pushing intakes at once get 20 different numbers', async () => {
    const clients = Array.from({length: 20}, () => pushClient(stack.appUrl, l1.token));
    const answers = await Promise.all(
      clients.map((c, i) =>
        c.push('ticket.intake', {ticketId: crypto.randomUUID(), walkId: crypto.randomUUID(), problemStatement: `Rush hour call ${i} ${word}-rush`}),
      ),
    );
    expect(answers.every(a => a.status === 200 && !a.body.mutations?.[0].result.error)).toBe(true);
    const rows = await stack.sql<{ref: string}[]>`select ref from ticket where problem_statement like ${`%${word}-rush`}`;
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map(r => r.ref)).size).toBe(20);
    // The numbers reach the clients.
    const synced = await eventually(
      () => search(nwZero, {text: `${word}-rush`, limit: 50}),
      r => r.length === 20 && r.every(t => !!t.ref),
    );
    expect(new Set(synced.map(t => t.ref)).size).toBe(20);
  });

  it('matches number, title, problem, customer, contact and resolution notes; filters by status and assignee', async () => {
    // The title (issue #21) is matched too: the contract's fields plus one.
    const byTitle = await intake(l1, {title: `Fan noise ${word}`});
    const byProblem = await intake(l1, {problemStatement: `Laptop fan screams ${word}`});
    const byCustomer = await intake(l1, {customerName: `Fabrikam ${word}`});
    const byContact = await intake(l1, {customerContact: `dana.${word}@fabrikam.test`});
    const byNotes = await intake(l1, {});
    await must(l1, 'walk.resolve', {walkId: byNotes.walkId, helpful: true, resolutionNotes: `Replaced the ${word} cable`});
    const unrelated = await intake(l1, {problemStatement: 'Nothing to see here'});
    const theirs = await intake(contoso, {problemStatement: `Contoso has a ${word} too`, customerName: `Fabrikam ${word}`});

    const found = await eventually(
      () => search(nwZero, {text: word.toUpperCase()}),
      r => r.filter(t => !t.problem_statement.includes('Rush hour')).length === 5,
    );
    const ids = found.map(t => t.id);
    expect(ids).toEqual(expect.arrayContaining([byTitle.ticketId, byProblem.ticketId, byCustomer.ticketId, byContact.ticketId, byNotes.ticketId]));
    expect(ids).not.toContain(unrelated.ticketId);
    expect(ids).not.toContain(theirs.ticketId);
    // Newest first.
    expect([...found].sort((a, b) => b.created_at - a.created_at).map(t => t.id)).toEqual(ids);

    const [{ref}] = await stack.sql<{ref: string}[]>`select ref from ticket where id = ${unrelated.ticketId}`;
    const byNumber = await search(nwZero, {text: ref});
    expect(byNumber.map(t => t.id)).toEqual([unrelated.ticketId]);

    const resolved = await search(nwZero, {text: word, status: 'resolved'});
    expect(resolved.map(t => t.id)).toEqual([byNotes.ticketId]);
    const mine = await search(nwZero, {text: word, assigneeId: l1.context.userId});
    expect(mine.length).toBeGreaterThanOrEqual(5);
    expect(await search(nwZero, {text: word, assigneeId: senior.context.userId})).toEqual(
      (await search(nwZero, {text: word})).filter(t => t.assigned_user_id === senior.context.userId),
    );
    // Wildcards are taken literally.
    expect(await search(nwZero, {text: '%'})).toEqual([]);
  });

  it('pages past the first page', async () => {
    const paged = `${word}-page`;
    for (let i = 0; i < 30; i++) await intake(l1, {problemStatement: `Call ${i} ${paged}`});
    // All 30 first: a first page taken while the newest calls were still replicating would hold older ones.
    const more = await eventually(
      () => search(nwZero, {text: paged, limit: 50}),
      r => r.length === 30,
    );
    const first = await eventually(
      () => search(nwZero, {text: paged}),
      r => r.length === 25,
    );
    expect(more.slice(0, 25).map(t => t.id)).toEqual(first.map(t => t.id));
  });

  it('another account searching, or naming Northwind’s ticket and customer, syncs nothing of Northwind', async () => {
    const mine = await intake(l1, {problemStatement: `Secret ${word}`, customerName: `Northwind client ${word}`});
    const [{customer_id}] = await stack.sql<{customer_id: string}[]>`select customer_id from ticket where id = ${mine.ticketId}`;
    expect(customer_id).toBeTruthy();
    // Northwind's own client sees them (the checks below are not vacuous).
    await eventually(
      () => nwZero.run(queries.ticket.byId({ticketId: mine.ticketId}), {type: 'complete'}),
      t => t?.customer?.id === customer_id,
    );
    const suggested = await eventually(
      () => nwZero.run(queries.customer.search({text: `northwind client ${word}`}), {type: 'complete'}),
      r => r.length === 1,
    );
    expect(suggested[0].id).toBe(customer_id);

    const theirs = await search(coZero, {text: word});
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every(t => t.account_id === contoso.context.accountId)).toBe(true);
    expect(await coZero.run(queries.ticket.byId({ticketId: mine.ticketId}), {type: 'complete'})).toBeUndefined();
    expect(await coZero.run(queries.customer.byId({customerId: customer_id}), {type: 'complete'})).toBeUndefined();
    expect(await coZero.run(queries.customer.search({text: 'Northwind client'}), {type: 'complete'})).toEqual([]);
  });
});
