import type {Sql} from '../../server/db/connect.ts';
import type {BenchAccount, BenchMember} from './bench-account.ts';

export type WalkFixture = {walkId: string; ticketId: string; driver: BenchMember};

/**
 * Active loop-flow walks (each with its ticket), one per driver, written
 * straight to Postgres: setup, not what is measured. The walk stands on the
 * flow's start node, as `ticket.intake` leaves it.
 */
export async function insertActiveWalks(sql: Sql, account: BenchAccount, drivers: BenchMember[], label = 'Walk'): Promise<WalkFixture[]> {
  const now = Date.now();
  const walks = drivers.map(driver => ({walkId: crypto.randomUUID(), ticketId: crypto.randomUUID(), driver}));
  if (!walks.length) return walks;
  await sql.begin(async tx => {
    await tx`insert into ticket ${tx(
      walks.map((w, i) => ({
        id: w.ticketId,
        account_id: account.id,
        problem_statement: `${label} ${i}: cannot sign in after a restart`,
        customer_name: `Customer ${i}`,
        status: 'walking',
        created_by: w.driver.id,
        created_at: now + i,
        updated_at: now + i,
      })),
    )}`;
    await tx`insert into walk ${tx(
      walks.map(w => ({
        id: w.walkId,
        account_id: account.id,
        ticket_id: w.ticketId,
        session_kind: 'flow',
        flow_id: account.flowId,
        status: 'active',
        current_node_id: 'a',
        driver_user_id: w.driver.id,
        started_by: w.driver.id,
        started_at: now,
        last_activity_at: now,
      })),
    )}`;
  });
  return walks;
}

/** Open escalations in the queue (walk `escalated`), escalated by `by`. */
export async function insertOpenHandoffs(sql: Sql, account: BenchAccount, by: BenchMember, count: number): Promise<string[]> {
  const walks = await insertActiveWalks(
    sql,
    account,
    Array.from({length: count}, () => by),
    'Escalated',
  );
  const now = Date.now();
  const ids = walks.map(() => crypto.randomUUID());
  if (!count) return ids;
  await sql.begin(async tx => {
    await tx`update walk set status = 'escalated' where id in ${tx(walks.map(w => w.walkId))}`;
    await tx`update ticket set status = 'escalated' where id in ${tx(walks.map(w => w.ticketId))}`;
    await tx`insert into handoff ${tx(
      walks.map((w, i) => ({
        id: ids[i],
        account_id: account.id,
        walk_id: w.walkId,
        ticket_id: w.ticketId,
        intent: 'escalate',
        status: 'open',
        reason_category: 'Other',
        details: 'Benchmark escalation',
        escalated_by: by.id,
        escalated_at: now + i,
        package_writer: 'local',
      })),
    )}`;
  });
  return ids;
}
