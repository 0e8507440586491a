import {describe, expect, it} from 'vitest';
import type {AuditQuery} from '../../rules/audit-log.ts';
import {entryRows} from '../../server/audit/audit-page.ts';
import {DEMO_PEOPLE, NORTHWIND} from '../../server/seed/demo-people.ts';
import type {TestDatabase} from '../support/database.ts';
import {databaseSuite} from '../support/suites.ts';

type Plan = {'Node Type': string; 'Index Name'?: string; Plans?: Plan[]};
const nodesOf = (plan: Plan): Plan[] => [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];

/**
 * GET /api/audit's filter by one subject (server/audit/audit-page.ts) is
 * served by the index of migration 00024: Postgres reads that subject's
 * entries newest first straight from it, with no sort and no walk through
 * the rest of the account's log, also from a `before` cursor and with the
 * kind given as well.
 */
describe('the audit page’s subject filter has its index', () => {
  let db: TestDatabase;
  databaseSuite(world => ({db} = world));
  const owner = DEMO_PEOPLE.find(p => p.email === 'owner@northwind.test')!;

  it('one subject’s entries are read from the subject index, newest first, without a sort', async () => {
    // A busy account's log: 40,000 entries about 2,000 subjects over a month.
    await db.sql`
      insert into audit_log (id, account_id, actor_user_id, action, subject_type, subject_id, acting_as, details, at)
      select gen_random_uuid()::text, ${NORTHWIND.id}, ${owner.id}, 'walk.recordStep', 'walk', 'subject-' || (i % 2000), 'self', null,
             ${Date.now()} - i * 60000.0
      from generate_series(1, 40000) i`;
    await db.sql`analyze audit_log`;

    const plans = async (q: AuditQuery) => {
      const [row] = await db.sql<{'QUERY PLAN': [{Plan: Plan}]}[]>`explain (format json) ${entryRows(db.sql, NORTHWIND.id, q, 201)}`;
      return nodesOf(row['QUERY PLAN'][0].Plan);
    };
    for (const q of [
      {subjectId: 'subject-7'},
      {subjectId: 'subject-7', subjectType: 'walk'},
      {subjectId: 'subject-7', before: {at: Date.now() - 86_400_000, id: 'ffffffff'}},
    ] satisfies AuditQuery[]) {
      const nodes = await plans(q);
      const reads = nodes.filter(n => n['Node Type'].includes('Scan') && n['Index Name']?.startsWith('audit_log'));
      expect(
        reads.map(n => n['Index Name']),
        JSON.stringify(q),
      ).toEqual(['audit_log_account_subject_at_idx']);
      expect(
        nodes.map(n => n['Node Type']),
        JSON.stringify(q),
      ).not.toContain('Sort');
    }
  });
});
