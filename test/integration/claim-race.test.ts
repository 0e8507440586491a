import {hashPassword} from 'better-auth/crypto';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {mutators} from '../../mutators/index.ts';
import {NORTHWIND} from '../../server/seed/demo-people.ts';
import {startTestStack, type TestStack} from '../support/stack.ts';
import {signIn} from '../support/sign-in.ts';
import {zeroClient, type TandemZero} from '../support/zero-client.ts';

const ENGINEERS = 20;
const HANDOFFS = 50;
const PASSWORD = 'race-engineer-pw';

/**
 * The claim race through the whole stack: 20 engineers of one account, each
 * a real Zero client through real zero-cache, claim the same handoff at the
 * same moment; exactly one wins. Repeated over 50 handoffs.
 */
describe('claim race through zero-cache', () => {
  let stack: TestStack;
  const clients: {zero: TandemZero; userId: string; name: string}[] = [];
  let l1Id: string;

  beforeAll(async () => {
    stack = await startTestStack();
    const {sql} = stack;
    await sql`update account set engineer_seat_limit = null where id = ${NORTHWIND.id}`;
    const hash = await hashPassword(PASSWORD);
    const now = Date.now();
    for (let i = 0; i < ENGINEERS; i++) {
      const id = crypto.randomUUID();
      const email = `racer${i}@northwind.test`;
      await sql`insert into auth."user" (id, name, email, "emailVerified") values (${id}, ${`Racer ${i}`}, ${email}, true)`;
      await sql`insert into auth."account" (id, "accountId", "providerId", "userId", password) values (${crypto.randomUUID()}, ${id}, 'credential', ${id}, ${hash})`;
      await sql`insert into member (id, account_id, email, name, role, created_at) values (${id}, ${NORTHWIND.id}, ${email}, ${`Racer ${i}`}, 'engineer', ${now})`;
    }
    const sessions = await Promise.all(Array.from({length: ENGINEERS}, (_, i) => signIn(stack.appUrl, `racer${i}@northwind.test`, PASSWORD)));
    for (const [i, s] of sessions.entries()) clients.push({zero: zeroClient(stack.zeroUrl, s), userId: s.context.userId, name: `Racer ${i}`});
    [{id: l1Id}] = await sql`select id from member where email = 'l1@northwind.test'`;
  }, 240_000);

  afterAll(async () => {
    await Promise.all(clients.map(c => c.zero.close()));
    await stack?.dispose();
  }, 60_000);

  it(`${ENGINEERS} simultaneous claims, ${HANDOFFS} times: one winner each, losers told who won, no double claim`, async () => {
    const {sql} = stack;
    const now = Date.now();
    const handoffIds: string[] = [];
    for (let h = 0; h < HANDOFFS; h++) {
      const ticketId = crypto.randomUUID();
      const walkId = crypto.randomUUID();
      const handoffId = crypto.randomUUID();
      await sql`insert into ticket (id, account_id, problem_statement, status, created_by, created_at, updated_at)
        values (${ticketId}, ${NORTHWIND.id}, ${`Race ${h}`}, 'escalated', ${l1Id}, ${now}, ${now})`;
      await sql`insert into walk (id, account_id, ticket_id, session_kind, status, driver_user_id, started_by, started_at, last_activity_at)
        values (${walkId}, ${NORTHWIND.id}, ${ticketId}, 'adhoc', 'escalated', ${l1Id}, ${l1Id}, ${now}, ${now})`;
      await sql`insert into handoff (id, account_id, walk_id, ticket_id, intent, status, reason_category, escalated_by, escalated_at)
        values (${handoffId}, ${NORTHWIND.id}, ${walkId}, ${ticketId}, 'escalate', 'open', 'Other', ${l1Id}, ${now})`;
      handoffIds.push(handoffId);
    }

    let doubleClaims = 0;
    for (const handoffId of handoffIds) {
      const results = await Promise.all(clients.map(async c => ({c, result: await c.zero.mutate(mutators.handoff.claim({handoffId})).server})));
      const winners = results.filter(r => r.result.type === 'success');
      if (winners.length !== 1) doubleClaims++;
      expect(winners).toHaveLength(1);
      const winner = winners[0].c;
      for (const {c, result} of results) {
        if (c === winner) continue;
        expect(result.type).toBe('error');
        if (result.type === 'error' && result.error.type === 'app') {
          expect(result.error.details).toMatchObject({code: 'already_claimed', claimed_by: winner.userId, claimed_by_name: winner.name});
        } else {
          throw new Error(`unexpected error ${JSON.stringify(result)}`);
        }
      }
      const [row] = await sql`select status, claimed_by from handoff where id = ${handoffId}`;
      expect(row).toEqual({status: 'claimed', claimed_by: winner.userId});
    }
    expect(doubleClaims).toBe(0);
    const claims = await sql`select count(*)::int as n from audit_log where action = 'handoff.claim' and subject_id in ${sql(handoffIds)}`;
    expect(claims[0].n).toBe(HANDOFFS);
  }, 300_000);
});
