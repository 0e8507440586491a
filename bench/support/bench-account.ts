import {hashPassword} from 'better-auth/crypto';
import type {Role} from '../../schema/index.ts';
import type {Sql} from '../../server/db/connect.ts';
import {LOOP_FLOW} from './bench-flow.ts';

export const BENCH_PASSWORD = 'bench-member-pw';

export type BenchMember = {id: string; email: string; name: string; role: Role};
export type BenchAccount = {
  id: string;
  name: string;
  owner: BenchMember;
  engineers: BenchMember[];
  l1s: BenchMember[];
  flowId: string;
};

/**
 * An account for load: real better-auth users (schema `auth`, one shared
 * password hash, as the demo seed does per person) and members, created
 * straight in Postgres because invites one by one would take minutes. No seat
 * limits. Everyone signs in over HTTP later, like any client.
 */
export async function createBenchAccount(
  sql: Sql,
  {slug, name, engineers, l1s}: {slug: string; name: string; engineers: number; l1s: number},
): Promise<BenchAccount> {
  const id = crypto.randomUUID();
  const now = Date.now();
  const hash = await hashPassword(BENCH_PASSWORD);
  const person = (role: Role, i: number, label: string): BenchMember => ({
    id: crypto.randomUUID(),
    email: `${label}${i}@${slug}.test`,
    name: `${label[0].toUpperCase()}${label.slice(1)} ${i}`,
    role,
  });
  const owner = person('owner', 0, 'owner');
  const eng = Array.from({length: engineers}, (_, i) => person('engineer', i, 'engineer'));
  const l1 = Array.from({length: l1s}, (_, i) => person('l1_tech', i, 'l1'));
  const everyone = [owner, ...eng, ...l1];
  const flowId = crypto.randomUUID();

  await sql.begin(async tx => {
    await tx`insert into account (id, name, engineer_seat_limit, l1_seat_limit, created_at) values (${id}, ${name}, null, null, ${now})`;
    await tx`insert into auth."user" ${tx(everyone.map(p => ({id: p.id, name: p.name, email: p.email, emailVerified: true})))}`;
    await tx`insert into auth."account" ${tx(
      everyone.map(p => ({id: crypto.randomUUID(), accountId: p.id, providerId: 'credential', userId: p.id, password: hash})),
    )}`;
    await tx`insert into member ${tx(
      everyone.map(p => ({id: p.id, account_id: id, email: p.email, name: p.name, role: p.role, can_cover_l1: false, active: true, created_at: now})),
    )}`;
    await tx`insert into flow (id, account_id, title, description, status, definition, created_by, created_at, updated_at)
      values (${flowId}, ${id}, 'Cannot sign in after restart', 'Benchmark loop flow', 'published',
              ${tx.json(LOOP_FLOW as never)}, ${owner.id}, ${now}, ${now})`;
  });
  return {id, name, owner, engineers: eng, l1s: l1, flowId};
}

/**
 * `n` members taken in turn from `list`: when there are fewer people than
 * clients, people open several tabs (one session, several Zero clients).
 */
export function inTurn(list: BenchMember[], n: number, offset = 0): BenchMember[] {
  return Array.from({length: n}, (_, i) => list[(offset + i) % list.length]);
}
