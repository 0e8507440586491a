import {describe, expect, it} from 'vitest';
import type {TestDatabase} from '../support/database.ts';
import {databaseSuite} from '../support/suites.ts';
import {demoContext, type Outcome, type serverMutator} from '../support/server-mutate.ts';

/** member.setTheme (issue #21): a person's theme on their own member row, any role, nobody else's. */
describe('a person’s theme', () => {
  let db: TestDatabase;
  let mutate: ReturnType<typeof serverMutator>;
  const l1 = demoContext('l1@northwind.test');
  const viewer = demoContext('viewer@northwind.test');
  const owner = demoContext('owner@northwind.test');
  databaseSuite(world => ({db, mutate} = world));
  const code = (o: Outcome) => (o.ok ? 'ok' : o.code);
  const themes = async () =>
    Object.fromEntries(
      (await db.sql<{id: string; theme: string | null}[]>`select id, theme from member where id in (${l1.userId}, ${viewer.userId}, ${owner.userId})`).map(r => [
        r.id,
        r.theme,
      ]),
    );

  it('sets only the caller’s own theme, for any role, and writes no audit row', async () => {
    expect(await themes()).toEqual({[l1.userId]: null, [viewer.userId]: null, [owner.userId]: null});
    expect(await mutate(l1, 'member.setTheme', {theme: 'dark'})).toEqual({ok: true});
    expect(await mutate(viewer, 'member.setTheme', {theme: 'light'})).toEqual({ok: true});
    expect(await themes()).toEqual({[l1.userId]: 'dark', [viewer.userId]: 'light', [owner.userId]: null});
    expect(await mutate(l1, 'member.setTheme', {theme: 'system'})).toEqual({ok: true});
    expect((await themes())[l1.userId]).toBe('system');
    // A display preference is nobody's accountability.
    expect(await db.sql`select 1 from audit_log where action = 'member.setTheme'`).toHaveLength(0);
  });

  it('never reaches anyone else’s row, and takes nothing but system, light or dark', async () => {
    const before = await themes();
    for (const args of [{theme: 'sepia'}, {theme: 'DARK'}, {theme: null}, {}, {theme: 1}, 'dark']) {
      expect(code(await mutate(l1, 'member.setTheme', args)), JSON.stringify(args)).toBe('invalid_input');
    }
    expect(await themes()).toEqual(before);
    // Even the owner cannot set someone's theme: the mutator names no member, so naming one changes only the caller's.
    expect(await mutate(owner, 'member.setTheme', {theme: 'dark', memberId: l1.userId})).toEqual({ok: true});
    expect(await themes()).toEqual({...before, [owner.userId]: 'dark'});
  });

  it('a context naming no member of its account (someone unknown, another account) answers not_found', async () => {
    const ghost = {...l1, userId: crypto.randomUUID()};
    expect(code(await mutate(ghost, 'member.setTheme', {theme: 'dark'}))).toBe('not_found');
    const otherAccount = {...l1, accountId: demoContext('owner@contoso.test').accountId};
    expect(code(await mutate(otherAccount, 'member.setTheme', {theme: 'dark'}))).toBe('not_found');
  });
});
