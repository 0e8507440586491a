import {describe, expect, it} from 'vitest';
import {acceptInvite, describeInvite, InvalidInviteError} from '../../server/people/accept-invite.ts';
import {hashInviteCode} from '../../server/people/invite-code.ts';
import {createDbProvider} from '../../server/zero/db-provider.ts';
import {NORTHWIND} from '../../server/seed/demo-people.ts';
import type {TestDatabase} from '../support/database.ts';
import {databaseSuite} from '../support/suites.ts';
import {demoContext, type Outcome, type serverMutator} from '../support/server-mutate.ts';

/** docs/tenancy.md on the server: roles, seats, coverage, invites, audit, isolation. */
describe('people, roles, seats and invites', () => {
  let db: TestDatabase;
  let mutate: ReturnType<typeof serverMutator>;
  const owner = demoContext('owner@northwind.test');
  const senior = demoContext('senior@northwind.test');
  const cover = demoContext('cover@northwind.test');
  const l1 = demoContext('l1@northwind.test');
  const l1b = demoContext('l1b@northwind.test');
  const viewer = demoContext('viewer@northwind.test');
  const contosoOwner = demoContext('owner@contoso.test');
  const contosoEngineer = demoContext('engineer@contoso.test');

  databaseSuite(world => ({db, mutate} = world));

  const code = (o: Outcome) => (o.ok ? 'ok' : o.code);
  const member = async (id: string) => (await db.sql`select role, active, can_cover_l1 from member where id = ${id}`)[0];
  const setLimits = (engineer: number | null, l1Limit: number | null) =>
    db.sql`update account set engineer_seat_limit = ${engineer}, l1_seat_limit = ${l1Limit} where id = ${NORTHWIND.id}`;
  async function newInvite(role: string, email = `${crypto.randomUUID().slice(0, 8)}@example.test`) {
    const secret = crypto.randomUUID() + crypto.randomUUID();
    const inviteId = crypto.randomUUID();
    const o = await mutate(owner, 'invite.create', {inviteId, email, role, codeHash: hashInviteCode(secret)});
    return {o, secret, inviteId, email};
  }

  it('only owners administer; viewers, L1 techs and engineers are refused with no write', async () => {
    for (const ctx of [viewer, l1, senior]) {
      expect(code(await mutate(ctx, 'member.changeRole', {memberId: l1b.userId, role: 'viewer'}))).toBe('forbidden');
      expect(code(await mutate(ctx, 'member.setActive', {memberId: l1b.userId, active: false}))).toBe('forbidden');
      expect(code(await mutate(ctx, 'member.setCoverage', {memberId: senior.userId, canCoverL1: true}))).toBe('forbidden');
      expect(code(await mutate(ctx, 'invite.create', {inviteId: crypto.randomUUID(), email: 'x@example.test', role: 'viewer', codeHash: 'a'.repeat(64)}))).toBe(
        'forbidden',
      );
    }
    expect(await member(l1b.userId)).toMatchObject({role: 'l1_tech', active: true});
  });

  it('coverage: owners only, engineers only, never on oneself', async () => {
    expect(code(await mutate(owner, 'member.setCoverage', {memberId: senior.userId, canCoverL1: true}))).toBe('ok');
    expect((await member(senior.userId)).can_cover_l1).toBe(true);
    expect(code(await mutate(owner, 'member.setCoverage', {memberId: senior.userId, canCoverL1: false}))).toBe('ok');
    expect(code(await mutate(owner, 'member.setCoverage', {memberId: l1.userId, canCoverL1: true}))).toBe('invalid_input');
    expect(code(await mutate(owner, 'member.setCoverage', {memberId: owner.userId, canCoverL1: true}))).toBe('forbidden');
    expect(code(await mutate(cover, 'member.setCoverage', {memberId: cover.userId, canCoverL1: false}))).toBe('forbidden');
    expect((await member(cover.userId)).can_cover_l1).toBe(true);
  });

  it('role changes toward a full tier are refused with {role, current, limit}; over-limit accounts keep working', async () => {
    await setLimits(2, 2); // Northwind has 2 engineers and 2 L1 techs: both tiers full.
    const toEngineer = await mutate(owner, 'member.changeRole', {memberId: viewer.userId, role: 'engineer'});
    expect(toEngineer).toMatchObject({ok: false, code: 'seat_limit_exceeded', details: {role: 'engineer', current: 2, limit: 2}});
    expect(code(await mutate(owner, 'member.changeRole', {memberId: viewer.userId, role: 'l1_tech'}))).toBe('seat_limit_exceeded');
    expect((await member(viewer.userId)).role).toBe('viewer');

    await setLimits(1, 1); // now over the limit: grandfathered, work goes on…
    const ticketId = crypto.randomUUID();
    expect(code(await mutate(l1, 'ticket.intake', {ticketId, walkId: crypto.randomUUID(), problemStatement: 'Still works'}))).toBe('ok');
    // …and moving within the tier is no new seat; unlimited (null) never refuses.
    await setLimits(null, null);
    expect(code(await mutate(owner, 'member.changeRole', {memberId: viewer.userId, role: 'engineer'}))).toBe('ok');
    expect(code(await mutate(owner, 'member.changeRole', {memberId: viewer.userId, role: 'viewer'}))).toBe('ok');
    await setLimits(5, 5);
  });

  it('the account keeps an active owner; nobody deactivates themself; coverage drops with the engineer role', async () => {
    expect(code(await mutate(owner, 'member.changeRole', {memberId: owner.userId, role: 'engineer'}))).toBe('invalid_state');
    expect(code(await mutate(owner, 'member.setActive', {memberId: owner.userId, active: false}))).toBe('invalid_state');
    expect(code(await mutate(owner, 'member.changeRole', {memberId: cover.userId, role: 'viewer'}))).toBe('ok');
    expect(await member(cover.userId)).toMatchObject({role: 'viewer', can_cover_l1: false});
    expect(code(await mutate(owner, 'member.changeRole', {memberId: cover.userId, role: 'engineer'}))).toBe('ok');
    expect(code(await mutate(owner, 'member.setCoverage', {memberId: cover.userId, canCoverL1: true}))).toBe('ok');
  });

  it('deactivating frees the seat and ends the person’s sessions; reactivating needs a seat', async () => {
    await db.sql`insert into auth."session" (id, "expiresAt", token, "userId") values (${crypto.randomUUID()}, now() + interval '1 day', ${crypto.randomUUID()}, ${l1b.userId})`;
    await setLimits(5, 2);
    expect(code(await mutate(owner, 'member.setActive', {memberId: l1b.userId, active: false}))).toBe('ok');
    expect((await member(l1b.userId)).active).toBe(false);
    expect(await db.sql`select 1 from auth."session" where "userId" = ${l1b.userId}`).toHaveLength(0);
    // The freed L1 seat goes to someone else; then l1b cannot come back.
    expect(code(await mutate(owner, 'member.changeRole', {memberId: viewer.userId, role: 'l1_tech'}))).toBe('ok');
    expect(await mutate(owner, 'member.setActive', {memberId: l1b.userId, active: true})).toMatchObject({
      ok: false,
      code: 'seat_limit_exceeded',
      details: {role: 'l1_tech', current: 2, limit: 2},
    });
    expect(code(await mutate(owner, 'member.changeRole', {memberId: viewer.userId, role: 'viewer'}))).toBe('ok');
    expect(code(await mutate(owner, 'member.setActive', {memberId: l1b.userId, active: true}))).toBe('ok');
    await setLimits(5, 5);
  });

  it('invites: created by owners against the seat limit, described, accepted once, revocable, expiring; bad codes look alike', async () => {
    const dbp = createDbProvider(db.sql);
    const {o, secret, email} = await newInvite('l1_tech');
    expect(o).toEqual({ok: true});
    expect(await describeInvite(dbp, secret)).toEqual({email, role: 'l1_tech', accountName: 'Northwind IT'});

    const joined = await acceptInvite(dbp, {code: secret, name: 'New Person', password: 'long-enough-pw'});
    expect(await member(joined.userId)).toMatchObject({role: 'l1_tech', active: true});
    const [audit] = await db.sql`select action, actor_user_id from audit_log where action = 'invite.accept' and actor_user_id = ${joined.userId}`;
    expect(audit).toBeTruthy();

    const revoked = await newInvite('viewer');
    expect(code(await mutate(owner, 'invite.revoke', {inviteId: revoked.inviteId}))).toBe('ok');
    const expired = await newInvite('viewer');
    await db.sql`update invite set expires_at = ${Date.now() - 1} where id = ${expired.inviteId}`;

    const answers = [];
    for (const c of [secret /* used */, revoked.secret, expired.secret, 'x'.repeat(40) /* unknown */]) {
      const e = await acceptInvite(dbp, {code: c, name: 'Again', password: 'long-enough-pw'}).catch(err => err);
      expect(e).toBeInstanceOf(InvalidInviteError);
      const d = await describeInvite(dbp, c).catch(err => err);
      answers.push(`${e.message}|${d.message}`);
    }
    expect(new Set(answers).size).toBe(1);

    // Inviting toward a full tier is refused at once.
    await setLimits(5, 3); // 3 L1 techs now
    expect((await newInvite('l1_tech')).o).toMatchObject({ok: false, code: 'seat_limit_exceeded', details: {role: 'l1_tech', current: 3, limit: 3}});
    await setLimits(5, 5);
    // An existing member's email is refused.
    expect(code((await newInvite('viewer', 'l1@northwind.test')).o)).toBe('invalid_input');
  });

  it('two people accepting invites for the last seat at once: exactly one joins', async () => {
    await setLimits(5, 4); // 3 L1 techs: one seat left
    const a = await newInvite('l1_tech');
    const b = await newInvite('l1_tech');
    expect(a.o).toEqual({ok: true});
    expect(b.o).toEqual({ok: true});
    const dbp = createDbProvider(db.sql);
    const results = await Promise.allSettled([
      acceptInvite(dbp, {code: a.secret, name: 'Racer A', password: 'long-enough-pw'}),
      acceptInvite(dbp, {code: b.secret, name: 'Racer B', password: 'long-enough-pw'}),
    ]);
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find(r => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason.details).toMatchObject({code: 'seat_limit_exceeded', role: 'l1_tech', current: 4, limit: 4});
    const [{count}] = await db.sql`select count(*)::int as count from member where account_id = ${NORTHWIND.id} and role = 'l1_tech' and active`;
    expect(count).toBe(4);
    await setLimits(5, 5);
  });

  it('another account’s ids are refused like missing ones, for every admin mutator, with no write', async () => {
    const {inviteId} = await newInvite('viewer');
    const before = await db.sql`select id, role, active, can_cover_l1 from member order by id`;
    expect(code(await mutate(contosoOwner, 'member.changeRole', {memberId: l1.userId, role: 'viewer'}))).toBe('not_found');
    expect(code(await mutate(contosoOwner, 'member.setActive', {memberId: l1.userId, active: false}))).toBe('not_found');
    expect(code(await mutate(contosoOwner, 'member.setCoverage', {memberId: senior.userId, canCoverL1: true}))).toBe('not_found');
    expect(code(await mutate(contosoOwner, 'invite.revoke', {inviteId}))).toBe('not_found');
    expect(code(await mutate(contosoOwner, 'member.setCoverage', {memberId: contosoEngineer.userId, canCoverL1: true}))).toBe('ok');
    expect(await db.sql`select id, role, active, can_cover_l1 from member where account_id = ${NORTHWIND.id} order by id`).toEqual(
      before.filter(m => m.id !== contosoEngineer.userId && m.id !== contosoOwner.userId),
    );
    expect((await db.sql`select revoked_at from invite where id = ${inviteId}`)[0].revoked_at).toBeNull();
  });

  it('every state change is in the audit log with its actor', async () => {
    const rows = await db.sql`select action, actor_user_id, subject_type, details from audit_log where action like 'member.%' and account_id = ${NORTHWIND.id}`;
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every(r => r.actor_user_id === owner.userId)).toBe(true);
    expect(rows.find(r => r.action === 'member.changeRole')?.details).toHaveProperty('role');
  });
  it('nobody becomes owner by a role change or an invite', async () => {
    expect(code(await mutate(owner, 'member.changeRole', {memberId: senior.userId, role: 'owner'}))).toBe('invalid_input');
    expect(code(await mutate(owner, 'invite.create', {inviteId: crypto.randomUUID(), email: 'boss@example.test', role: 'owner', codeHash: 'a'.repeat(64)}))).toBe(
      'invalid_input',
    );
    expect((await member(senior.userId)).role).toBe('engineer');
  });

  it('ownership moves only by an explicit transfer: owners only, to an active member of the account; the caller becomes an engineer; audited', async () => {
    for (const ctx of [senior, l1, viewer]) {
      expect(code(await mutate(ctx, 'member.transferOwnership', {memberId: senior.userId}))).toBe('forbidden');
    }
    expect(code(await mutate(contosoOwner, 'member.transferOwnership', {memberId: senior.userId}))).toBe('not_found');
    expect(code(await mutate(owner, 'member.transferOwnership', {memberId: contosoEngineer.userId}))).toBe('not_found');
    expect(code(await mutate(owner, 'member.transferOwnership', {memberId: owner.userId}))).toBe('invalid_input');
    await db.sql`update member set active = false where id = ${viewer.userId}`;
    expect(code(await mutate(owner, 'member.transferOwnership', {memberId: viewer.userId}))).toBe('invalid_state');
    await db.sql`update member set active = true where id = ${viewer.userId}`;

    // The caller steps down into an engineer seat: with that tier full (and the target not
    // freeing one), the transfer is refused as a whole and tells the owner where to raise it.
    await setLimits(2, 5);
    const full = await mutate(owner, 'member.transferOwnership', {memberId: l1.userId});
    expect(full).toMatchObject({ok: false, code: 'seat_limit_exceeded', details: {role: 'engineer', current: 2, limit: 2}});
    expect(!full.ok && full.message).toContain('Raise the limit on the Team page.');
    expect(await member(l1.userId)).toMatchObject({role: 'l1_tech'});
    expect(await member(owner.userId)).toMatchObject({role: 'owner'});

    // To an engineer the seat simply changes hands.
    expect(await mutate(owner, 'member.transferOwnership', {memberId: senior.userId})).toEqual({ok: true});
    expect(await member(senior.userId)).toMatchObject({role: 'owner', active: true});
    expect(await member(owner.userId)).toMatchObject({role: 'engineer', active: true});
    const [audit] = await db.sql`select actor_user_id, subject_id, details from audit_log where action = 'member.transferOwnership'`;
    expect(audit).toEqual({actor_user_id: owner.userId, subject_id: senior.userId, details: {role: 'owner'}});
    // The former owner no longer administers; the new one can hand it back.
    const formerOwner = {...owner, role: 'engineer' as const};
    const newOwner = {...senior, role: 'owner' as const};
    expect(code(await mutate(formerOwner, 'member.transferOwnership', {memberId: owner.userId}))).toBe('forbidden');
    expect(code(await mutate(newOwner, 'member.changeRole', {memberId: newOwner.userId, role: 'engineer'}))).toBe('invalid_state'); // the last owner stays
    expect(await mutate(newOwner, 'member.transferOwnership', {memberId: owner.userId})).toEqual({ok: true});
    expect(await member(owner.userId)).toMatchObject({role: 'owner'});
    expect(await member(senior.userId)).toMatchObject({role: 'engineer'});
    await setLimits(5, 5);
  });

  it('seat limits: owners set them (null = unlimited), audited; lowering below the seats in use grandfathers the account', async () => {
    const limits = async () => (await db.sql`select engineer_seat_limit, l1_seat_limit from account where id = ${NORTHWIND.id}`)[0];
    for (const ctx of [senior, l1, viewer]) {
      expect(code(await mutate(ctx, 'account.setSeatLimits', {engineerSeatLimit: 9, l1SeatLimit: 9}))).toBe('forbidden');
    }
    for (const bad of [-1, 1.5, '3', Number.POSITIVE_INFINITY, undefined]) {
      expect(code(await mutate(owner, 'account.setSeatLimits', {engineerSeatLimit: bad, l1SeatLimit: null}))).toBe('invalid_input');
    }
    expect(await limits()).toEqual({engineer_seat_limit: 5, l1_seat_limit: 5});

    expect(await mutate(owner, 'account.setSeatLimits', {engineerSeatLimit: 1, l1SeatLimit: null})).toEqual({ok: true});
    expect(await limits()).toEqual({engineer_seat_limit: 1, l1_seat_limit: null});
    const [audit] = await db.sql`select subject_type, subject_id, details from audit_log where action = 'account.setSeatLimits' order by at desc limit 1`;
    expect(audit).toEqual({subject_type: 'account', subject_id: NORTHWIND.id, details: {engineerSeatLimit: '1', l1SeatLimit: null}});
    // Two engineers over a limit of one keep working; no third joins; L1 is unlimited.
    expect(await member(senior.userId)).toMatchObject({role: 'engineer', active: true});
    const refused = await mutate(owner, 'member.changeRole', {memberId: viewer.userId, role: 'engineer'});
    expect(refused).toMatchObject({ok: false, code: 'seat_limit_exceeded', details: {role: 'engineer', current: 2, limit: 1}});
    expect(!refused.ok && refused.message).toBe('All 1 engineer seats are in use (2/1). Raise the limit on the Team page.');
    expect(code(await mutate(owner, 'member.changeRole', {memberId: viewer.userId, role: 'l1_tech'}))).toBe('ok');
    expect(code(await mutate(owner, 'member.changeRole', {memberId: viewer.userId, role: 'viewer'}))).toBe('ok');
    expect(await mutate(owner, 'account.setSeatLimits', {engineerSeatLimit: 5, l1SeatLimit: 5})).toEqual({ok: true});
  });
});
