import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {queries} from '../../queries/index.ts';
import {recordChaos} from '../support/chaos-report.ts';
import {pushMutation} from '../support/push.ts';
import {signIn, type Session} from '../support/sign-in.ts';
import {startTestStack, type TestStack} from '../support/stack.ts';
import {eventually, zeroClient} from '../support/zero-client.ts';

/**
 * Revocation reaches an open tab's rows, not only its writes: a real Zero
 * client watches the account's tickets while its access ends — the member
 * is deactivated, the session is signed out elsewhere, or the session
 * passes the account's absolute lifetime. Another L1 keeps taking calls
 * (a ticket every 250 ms). zero-cache re-asks the API about every open
 * connection every few seconds (config.authRevalidateSeconds, default 3),
 * so within 5 s of the revocation the tab is closed as signed out
 * (`needs-auth`) and no ticket written after that reaches it. Zero's own
 * default (5 minutes) or the former 60 s lets every one of them through.
 */
const CUT_WITHIN_MS = 5_000;
/** How long tickets keep coming after the revocation. */
const WRITE_FOR_MS = 7_500;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('revocation cuts an open tab', () => {
  let stack: TestStack;
  let writer: Session;
  let owner: Session;

  beforeAll(async () => {
    stack = await startTestStack();
    [writer, owner] = await Promise.all([signIn(stack.appUrl, 'l1@northwind.test'), signIn(stack.appUrl, 'owner@northwind.test')]);
  });
  afterAll(async () => stack?.dispose());

  async function takeCall(problemStatement: string): Promise<string> {
    const ticketId = crypto.randomUUID();
    const {result} = await pushMutation(stack.appUrl, {token: writer.token}, 'ticket.intake', {ticketId, walkId: crypto.randomUUID(), problemStatement});
    expect(result).toEqual({ok: true});
    return ticketId;
  }

  /** Opens `victim`'s tab, revokes, and reports which tickets written after the revocation still reached it. */
  /** Asserts the cut, after recording it for `npm run test:chaos`'s table (a ticket that reached the tab after 5 s counts as lost). */
  function expectCut(what: string, outcome: Awaited<ReturnType<typeof afterRevocation>>) {
    const cut = outcome.writtenLate > 0 && outcome.state === 'needs-auth' && outcome.lateArrivals === 0 && outcome.lastReachedMs <= CUT_WITHIN_MS;
    recordChaos({kind: 'fault', name: `Revocation (${what}): the open tab cut within 5 s`, tried: 1, passed: cut ? 1 : 0, lost: outcome.lateArrivals});
    expect(outcome.writtenLate).toBeGreaterThan(0);
    expect(outcome).toMatchObject({state: 'needs-auth', lateArrivals: 0});
    expect(outcome.lastReachedMs).toBeLessThanOrEqual(CUT_WITHIN_MS);
  }

  async function afterRevocation(victim: Session, revoke: () => Promise<void>) {
    const tab = zeroClient(stack.zeroUrl, victim);
    const view = tab.materialize(queries.ticket.list({limit: 500}));
    const seen = () => new Set(((view.data ?? []) as {id: string}[]).map(t => t.id));
    try {
      // Live before: a call taken now shows up in the tab.
      const before = await takeCall('Before the revocation');
      await eventually(seen, ids => ids.has(before), 30_000);

      const revokedAt = Date.now();
      await revoke();
      const written: {id: string; afterMs: number}[] = [];
      while (Date.now() - revokedAt < WRITE_FOR_MS) {
        const id = await takeCall(`Written ${Date.now() - revokedAt} ms after the revocation`);
        written.push({id, afterMs: Date.now() - revokedAt});
        await sleep(250);
      }
      // Time for anything still on its way.
      await sleep(1_500);
      const ids = seen();
      const reached = written.filter(w => ids.has(w.id));
      return {
        state: tab.connection.state.current.name,
        lastReachedMs: Math.max(0, ...reached.map(w => w.afterMs)),
        lateArrivals: reached.filter(w => w.afterMs > CUT_WITHIN_MS).length,
        writtenLate: written.filter(w => w.afterMs > CUT_WITHIN_MS).length,
      };
    } finally {
      view.destroy();
      await tab.close();
    }
  }

  it('a deactivated member’s open tab stops receiving rows within 5 s and is signed out', {timeout: 90_000}, async () => {
    const victim = await signIn(stack.appUrl, 'l1b@northwind.test');
    try {
      const outcome = await afterRevocation(victim, async () => {
        const off = await pushMutation(stack.appUrl, {token: owner.token}, 'member.setActive', {memberId: victim.context.userId, active: false});
        expect(off.result).toEqual({ok: true});
      });
      expectCut('member deactivated', outcome);
    } finally {
      await stack.sql`update member set active = true where id = ${victim.context.userId}`;
    }
  });

  it('a session signed out elsewhere stops receiving rows within 5 s', {timeout: 90_000}, async () => {
    const victim = await signIn(stack.appUrl, 'viewer@northwind.test');
    const outcome = await afterRevocation(victim, async () => {
      // The same session signed out from another tab (better-auth deletes it).
      const res = await fetch(`${stack.appUrl}/api/auth/sign-out`, {
        method: 'POST',
        headers: {cookie: victim.cookie, origin: stack.appUrl, 'content-type': 'application/json'},
        body: '{}',
      });
      expect(res.status).toBe(200);
    });
    expectCut('signed out elsewhere', outcome);
  });

  it('a session past the account’s absolute lifetime stops receiving rows within 5 s', {timeout: 90_000}, async () => {
    const victim = await signIn(stack.appUrl, 'senior@northwind.test');
    const outcome = await afterRevocation(victim, async () => {
      // Signed in longer ago than any policy allows (90 days at most): expired from now on.
      await stack.sql`update auth.session set "createdAt" = now() - interval '100 days' where token = ${victim.token}`;
    });
    expectCut('session past its lifetime', outcome);
  });
});
