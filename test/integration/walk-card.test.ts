import {describe, expect, it} from 'vitest';
import {demoFlows} from '../../server/seed/demo-flows.ts';
import type {TestDatabase} from '../support/database.ts';
import {demoContext, type serverMutator} from '../support/server-mutate.ts';
import {databaseSuite} from '../support/suites.ts';

/**
 * The walk card (migrations/00026_walk_card): what the Live walks list shows
 * of a walk, kept from the walk row by a trigger. It must follow every field
 * the list shows, and a recorded step (which edits the walk row) must not
 * write it: that write is what reached every engineer's client group.
 */
describe('the walk card', () => {
  let db: TestDatabase;
  let mutate: ReturnType<typeof serverMutator>;
  databaseSuite(world => ({db, mutate} = world));
  const l1 = demoContext('l1@northwind.test');
  const senior = demoContext('senior@northwind.test');
  const outlook = demoFlows.find(f => f.title === "Outlook won't connect")!;

  type Card = {walk_id: string; account_id: string; ticket_id: string; driver_user_id: string; flow_key: string; status: string; started_at: number; xmin: string};
  const card = async (walkId: string) =>
    (
      await db.sql<Card[]>`select walk_id, account_id, ticket_id, driver_user_id, flow_key, status, started_at, xmin::text from walk_card where walk_id = ${walkId}`
    )[0];
  const walkXmin = async (walkId: string) => (await db.sql<{xmin: string}[]>`select xmin::text from walk where id = ${walkId}`)[0].xmin;

  it('is written with the walk, and a recorded step leaves it untouched while the walk row moves', async () => {
    const walkId = crypto.randomUUID();
    const ticketId = crypto.randomUUID();
    expect(await mutate(l1, 'ticket.intake', {ticketId, walkId, problemStatement: 'Outlook offline', flowId: outlook.id})).toEqual({ok: true});
    const [walk] = await db.sql<{started_at: number}[]>`select started_at from walk where id = ${walkId}`;
    const before = await card(walkId);
    expect(before).toMatchObject({
      walk_id: walkId,
      account_id: l1.accountId,
      ticket_id: ticketId,
      driver_user_id: l1.userId,
      flow_key: outlook.id,
      status: 'active',
      started_at: walk.started_at,
    });

    const walkBefore = await walkXmin(walkId);
    expect(await mutate(l1, 'walk.recordStep', {walkId, nodeId: 'start', optionId: 'owa-works', changeId: crypto.randomUUID()})).toEqual({ok: true});
    expect(await walkXmin(walkId)).not.toBe(walkBefore); // the step edited the walk row…
    expect((await card(walkId)).xmin).toBe(before.xmin); // …and not its card
  });

  it('follows a take-over’s new driver and the walk’s end, and goes with the walk', async () => {
    const walkId = crypto.randomUUID();
    expect(await mutate(l1, 'ticket.intake', {ticketId: crypto.randomUUID(), walkId, problemStatement: 'Scanner saves nothing', flowId: null})).toEqual({ok: true});
    expect(await card(walkId)).toMatchObject({flow_key: '', driver_user_id: l1.userId});
    expect(await mutate(senior, 'walk.takeOver', {walkId, expectedDriverId: l1.userId})).toEqual({ok: true});
    expect((await card(walkId)).driver_user_id).toBe(senior.userId);
    expect(await mutate(senior, 'walk.resolve', {walkId, helpful: true, resolutionNotes: 'Rescanned to the share.'})).toEqual({ok: true});
    expect((await card(walkId)).status).toBe('resolved');
    // Every walk has its card (the migration filled the walks it found).
    const [{missing}] = await db.sql<{missing: number}[]>`
      select count(*)::int as missing from walk w left join walk_card c on c.walk_id = w.id where c.walk_id is null`;
    expect(missing).toBe(0);
  });
});
