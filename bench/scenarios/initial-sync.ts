import {queries} from '../../queries/index.ts';
import type {Handoff, Ticket} from '../../schema/index.ts';
import type {Sql} from '../../server/db/connect.ts';
import type {BenchContext} from '../context.ts';
import {say} from '../progress.ts';
import {clientSet, type TandemZero} from '../support/clients.ts';
import {createBenchAccount, type BenchAccount} from '../support/bench-account.ts';
import {insertOpenHandoffs} from '../support/fixtures.ts';
import {LiveView} from '../support/live-view.ts';
import {tcpProxy} from '../support/tcp-proxy.ts';
import {median} from '../stats.ts';

/** The ticket list's first page, as the L1 workspace and the engineer's list show it. */
const FIRST_PAGE = 100;

type Views = {queue: LiveView<readonly Handoff[]>; tickets: LiveView<readonly Ticket[]>};

function openViews(z: TandemZero): Views {
  return {
    queue: new LiveView(z.materialize(queries.handoff.queue())) as never,
    tickets: new LiveView(z.materialize(queries.ticket.list({limit: FIRST_PAGE}))) as never,
  };
}

/**
 * An account's history, written in one transaction: `tickets` tickets, a walk
 * each on the loop flow, `stepsPerWalk` steps per walk; almost all resolved,
 * some in progress, some escalated into the queue.
 */
async function loadHistory(sql: Sql, account: BenchAccount, tickets: number, stepsPerWalk: number, openHandoffs: number) {
  const l1s = account.l1s.map(m => m.id);
  const t0 = Date.now() - (tickets + 10) * 60_000;
  await sql.begin(async tx => {
    await tx`
      insert into ticket (id, account_id, kind, customer_name, problem_statement, status, assigned_user_id, created_by, created_at, updated_at, resolution_notes)
      select 'sync-ticket-' || g, ${account.id}, 'internal', 'Customer ' || (g % 300),
             'Ticket ' || g || ': cannot sign in to Outlook after the password change, asks again and again',
             case when g > ${tickets - 50}::int then 'walking' else 'resolved' end,
             (${l1s}::text[])[1 + g % ${l1s.length}], (${l1s}::text[])[1 + g % ${l1s.length}],
             ${t0}::float8 + g * 60000, ${t0}::float8 + g * 60000 + 600000,
             case when g > ${tickets - 50}::int then null else 'Cleared the cached credentials; signed in again.' end
      from generate_series(1, ${tickets}) g`;
    await tx`
      insert into walk (id, account_id, ticket_id, session_kind, flow_id, status, current_node_id, driver_user_id, started_by,
                        step_count, state_version, helpful, started_at, last_activity_at, ended_at)
      select 'sync-walk-' || g, ${account.id}, 'sync-ticket-' || g, 'flow', ${account.flowId},
             case when g > ${tickets - 50}::int then 'active' else 'resolved' end,
             case when g > ${tickets - 50}::int then 'a' else 'end' end,
             (${l1s}::text[])[1 + g % ${l1s.length}], (${l1s}::text[])[1 + g % ${l1s.length}],
             ${stepsPerWalk}, ${stepsPerWalk}, true, ${t0}::float8 + g * 60000, ${t0}::float8 + g * 60000 + 600000,
             case when g > ${tickets - 50}::int then null else ${t0}::float8 + g * 60000 + 600000 end
      from generate_series(1, ${tickets}) g`;
    await tx`
      insert into walk_step (id, account_id, walk_id, seq, node_id, question, answer, option_id, kind, recorded_by, recorded_at)
      select 'sync-walk-' || g || ':' || s, ${account.id}, 'sync-walk-' || g, s,
             case when s % 2 = 1 then 'a' else 'b' end,
             case when s % 2 = 1 then 'Does the device show the sign-in screen after a restart?'
                  else 'Can the user sign in with their work account on that screen?' end,
             case when s % 2 = 1 then 'Yes, it shows the sign-in screen' else 'No, it says the password is wrong' end,
             'next', 'answer', (${l1s}::text[])[1 + g % ${l1s.length}], ${t0}::float8 + g * 60000 + s * 30000
      from generate_series(1, ${tickets}) g, generate_series(1, ${stepsPerWalk}) s`;
  });
  await insertOpenHandoffs(sql, account, account.l1s[0], openHandoffs);
}

/**
 * Initial sync at a 10,000-ticket account: a fresh client's time until the
 * queue and the first page of the ticket list are complete (confirmed by the
 * server); and a client that was away (network cut) for a while, from its
 * reconnection until it shows what changed meanwhile.
 */
export async function initialSync({stack, sessions, sizes}: BenchContext) {
  const {tickets, stepsPerWalk, openHandoffs, coldRuns, awayMs} = sizes.initialSync;
  say(`initial sync: loading ${tickets} tickets and walks, ${tickets * stepsPerWalk} steps, ${openHandoffs} open handoffs`);
  const account = await createBenchAccount(stack.sql, {slug: 'sync', name: 'Bench Sync', engineers: coldRuns + 2, l1s: 4});
  await loadHistory(stack.sql, account, tickets, stepsPerWalk, openHandoffs);
  const clients = clientSet(stack.zeroUrl);
  const proxy = await tcpProxy(Number(new URL(stack.zeroUrl).port));
  try {
    // Wait until zero-cache has replicated it all: the open handoffs were committed last.
    const probe = clients.tandem(await sessions.get(account.engineers[0]));
    const probeView = new LiveView(probe.materialize(queries.handoff.queue())) as unknown as LiveView<readonly Handoff[]>;
    await probeView.when(rows => rows.length === openHandoffs, 300_000, 'the loaded history');
    probeView.destroy();
    say('  replicated; measuring cold starts');

    const cold: number[] = [];
    for (let i = 0; i < coldRuns; i++) {
      const session = await sessions.get(account.engineers[1 + i]);
      const t0 = performance.now();
      const views = openViews(clients.tandem(session));
      const done = Math.max(await views.queue.complete(), await views.tickets.complete());
      if (views.tickets.data?.length !== FIRST_PAGE || views.queue.data?.length !== openHandoffs) {
        throw new Error(`cold client saw ${views.tickets.data?.length} tickets and ${views.queue.data?.length} handoffs`);
      }
      cold.push(done - t0);
      say(`  cold start ${i + 1}/${coldRuns}: ${Math.round(done - t0)} ms`);
      views.queue.destroy();
      views.tickets.destroy();
    }

    say(`  reconnect: a client goes away for ${awayMs / 1000} s while tickets and an escalation arrive`);
    const away = clients.tandem(await sessions.get(account.engineers[account.engineers.length - 1]), proxy.url);
    const views = openViews(away);
    await Promise.all([views.queue.complete(), views.tickets.complete()]);
    proxy.cut();
    const newest = `sync-ticket-late-${crypto.randomUUID()}`;
    await new Promise(r => setTimeout(r, awayMs / 2));
    const now = Date.now() + 60_000;
    await stack.sql`
      insert into ticket (id, account_id, problem_statement, status, created_by, created_at, updated_at)
      select case when g = 20 then ${newest} else 'sync-ticket-late-' || g || '-' || ${crypto.randomUUID()} end,
             ${account.id}, 'Arrived while away ' || g, 'open', ${account.l1s[1].id}, ${now}::float8 + g, ${now}::float8 + g
      from generate_series(1, 20) g`;
    const [handoffId] = await insertOpenHandoffs(stack.sql, account, account.l1s[1], 1);
    await new Promise(r => setTimeout(r, awayMs / 2));
    const restoredAt = performance.now();
    proxy.restore();
    const caughtUp = Math.max(
      await views.tickets.when(rows => rows[0]?.id === newest, 120_000, 'the tickets made while away'),
      await views.queue.when(rows => rows.some(h => h.id === handoffId), 120_000, 'the escalation made while away'),
    );
    const reconnectedAt = proxy.firstAcceptAfter(restoredAt) ?? restoredAt;
    const reconnect = caughtUp - reconnectedAt;
    say(`  reconnect: up to date ${Math.round(reconnect)} ms after reconnecting (${Math.round(caughtUp - restoredAt)} ms after the network came back)`);
    views.queue.destroy();
    views.tickets.destroy();
    return {
      cold_ms: Math.round(median(cold)),
      cold_runs_ms: cold.map(Math.round),
      reconnect_ms: Math.round(reconnect),
      reconnect_from_restore_ms: Math.round(caughtUp - restoredAt),
      away_s: awayMs / 1000,
      tickets,
      walks: tickets,
      steps: tickets * stepsPerWalk,
      open_handoffs: openHandoffs,
      first_page: FIRST_PAGE,
      account_id: account.id,
    };
  } finally {
    await clients.closeAll();
    await proxy.close();
  }
}
