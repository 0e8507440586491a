import {createHash} from 'node:crypto';
import {hashPassword} from 'better-auth/crypto';
import type {Sql} from '../db/connect.ts';
import {demoFlows} from './demo-flows.ts';
import {CONTOSO, DEMO_PASSWORD, DEMO_PEOPLE, NORTHWIND} from './demo-people.ts';

/** A stable UUID-shaped id derived from a name, so re-seeding finds the same rows. */
function stableId(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Demo accounts, people and flows. Idempotent: every insert skips rows that
 * are already there, so `npm start` can run it on every start.
 */
export async function seedDemoData(sql: Sql): Promise<void> {
  const now = Date.now();
  await sql.begin(async tx => {
    for (const a of [NORTHWIND, CONTOSO]) {
      await tx`insert into account (id, name, ticket_prefix, engineer_seat_limit, l1_seat_limit, created_at)
        values (${a.id}, ${a.name}, ${a.ticketPrefix}, ${a.engineerSeatLimit}, ${a.l1SeatLimit}, ${now})
        on conflict (id) do nothing`;
    }
    for (const p of DEMO_PEOPLE) {
      const [existing] = await tx`select 1 from auth."user" where email = ${p.email}`;
      if (!existing) {
        const hash = await hashPassword(DEMO_PASSWORD);
        await tx`insert into auth."user" (id, name, email, "emailVerified") values (${p.id}, ${p.name}, ${p.email}, true)`;
        await tx`insert into auth."account" (id, "accountId", "providerId", "userId", password)
          values (${stableId(`credential:${p.id}`)}, ${p.id}, 'credential', ${p.id}, ${hash})`;
      }
      await tx`insert into member (id, account_id, email, name, role, can_cover_l1, active, created_at)
        values (${p.id}, ${p.accountId}, ${p.email}, ${p.name}, ${p.role}, ${p.canCoverL1 ?? false}, true, ${now})
        on conflict (id) do nothing`;
    }
    const owners = {[NORTHWIND.id]: DEMO_PEOPLE[0].id, [CONTOSO.id]: DEMO_PEOPLE[6].id};
    for (const account of [NORTHWIND, CONTOSO]) {
      const flows = account === NORTHWIND ? demoFlows : demoFlows.slice(0, 2);
      for (const f of flows) {
        const id = account === NORTHWIND ? f.id : stableId(`${account.id}:${f.id}`);
        await tx`insert into flow (id, account_id, title, description, status, definition, created_by, created_at, updated_at)
          values (${id}, ${account.id}, ${f.title}, ${f.description}, 'published', ${tx.json(f.definition)},
                  ${owners[account.id]}, ${now}, ${now})
          on conflict (id) do nothing`;
      }
    }
  });
}
