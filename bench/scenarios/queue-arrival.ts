import {mutators} from '../../mutators/index.ts';
import {queries} from '../../queries/index.ts';
import type {Handoff} from '../../schema/index.ts';
import type {BenchContext} from '../context.ts';
import {counter, say} from '../progress.ts';
import {summarize} from '../stats.ts';
import {inTurn} from '../support/bench-account.ts';
import {clientSet} from '../support/clients.ts';
import {insertActiveWalks} from '../support/fixtures.ts';
import {LiveView} from '../support/live-view.ts';

const L1S = 5;

/**
 * Queue arrival: E engineers have the queue open (handoff.queue()); L1s
 * escalate one walk a second with walk.escalate (the whole product path:
 * package, notification rows, e-mail after commit). A sample is the time
 * from the escalate call until one engineer's queue shows the card.
 */
export async function queueArrival({stack, account, sessions, sizes}: BenchContext) {
  const out: Record<string, unknown> = {};
  const {escalations, everyMs} = sizes.queue;
  for (const e of sizes.queue.engineerCounts) {
    say(`queue arrival: E=${e} engineers watching, ${escalations} escalations, one every ${everyMs} ms`);
    const clients = clientSet(stack.zeroUrl);
    const views: LiveView<readonly Handoff[]>[] = [];
    try {
      const l1Members = inTurn(account.l1s, L1S);
      const walks = await insertActiveWalks(stack.sql, account, inTurn(l1Members, escalations), 'Stuck walk');
      // The L1s have their workspace open: their walks in progress.
      const l1 = new Map(await Promise.all(l1Members.map(async m => [m.id, clients.tandem(await sessions.get(m))] as const)));
      const l1Views = [...l1.values()].map(z => new LiveView(z.materialize(queries.walk.active())));
      for (const m of inTurn(account.engineers, e)) {
        views.push(new LiveView(clients.tandem(await sessions.get(m)).materialize(queries.handoff.queue())) as never);
      }
      await Promise.all([...l1Views, ...views].map(v => v.complete(120_000)));
      // "Complete" is as of zero-cache's replica, which may still lag behind the walks just
      // inserted (after a heavy scenario): an L1 escalates a walk once their client has it,
      // or the escalation is refused on the client (not_found) and never sent.
      const l1Ids = [...l1.keys()];
      await Promise.all(
        l1Views.map((v, k) => {
          const theirs = walks.filter(w => w.driver.id === l1Ids[k]).map(w => w.walkId);
          return v.when(rows => theirs.every(id => (rows as readonly {id: string}[]).some(r => r.id === id)), 120_000, 'their walks');
        }),
      );

      const samples: number[] = [];
      const failures: string[] = [];
      const arrivals: Promise<void>[] = [];
      const tick = counter(`E=${e} escalations`, escalations);
      const start = performance.now();
      for (const [i, walk] of walks.entries()) {
        await new Promise(r => setTimeout(r, Math.max(0, start + i * everyMs - performance.now())));
        const handoffId = crypto.randomUUID();
        const seen = views.map(v => v.when(rows => rows.some(h => h.id === handoffId), 30_000, `handoff ${i}`));
        const t0 = performance.now();
        const server = l1
          .get(walk.driver.id)!
          .mutate(mutators.walk.escalate({walkId: walk.walkId, handoffId, reasonCategory: 'Out of L1 scope', details: `Benchmark escalation ${i}`}))
          .server.then(r => {
            if (r.type !== 'success') throw new Error(`escalate refused: ${JSON.stringify(r)}`);
          });
        arrivals.push(
          Promise.all([Promise.all(seen), server]).then(
            ([times]) => {
              for (const t of times) samples.push(t - t0);
              tick(i + 1);
            },
            (err: Error) => void failures.push(err.message),
          ),
        );
      }
      await Promise.all(arrivals);
      if (failures.length) throw new Error(`${failures.length} escalations failed, e.g. ${failures[0]}`);
      const s = summarize(samples);
      out[`e${e}`] = {...s, escalations};
      say(`  queue arrival E=${e}: p50 ${s.p50_ms} ms, p99 ${s.p99_ms} ms`);
      for (const v of [...l1Views, ...views]) v.destroy();
      // Clear the queue so that the next E starts from the same one.
      await stack.sql`update handoff set status = 'resolved', resolved_at = ${Date.now()} where account_id = ${account.id} and status = 'open'`;
    } finally {
      await clients.closeAll();
    }
  }
  return out;
}
