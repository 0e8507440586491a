import {mutators} from '../../mutators/index.ts';
import {queries} from '../../queries/index.ts';
import type {Handoff} from '../../schema/index.ts';
import type {BenchContext} from '../context.ts';
import {counter, say} from '../progress.ts';
import {summarize} from '../stats.ts';
import {inTurn} from '../support/bench-account.ts';
import {clientSet} from '../support/clients.ts';
import {insertOpenHandoffs} from '../support/fixtures.ts';
import {LiveView} from '../support/live-view.ts';

/**
 * Claim race: for each of H open handoffs, C engineers who have the queue
 * open (handoff.queue) and their own pick-ups (handoff.mine) press Pick up
 * at the same moment. Exactly one may win. Each loser's client shows its
 * claim at once (optimistic: the card is in "mine"); a sample is the time
 * from the click until that card is gone again (the rollback).
 */
export async function claimRace({stack, account, sessions, sizes}: BenchContext) {
  const {handoffs: h, claimers: c} = sizes.claimRace;
  say(`claim race: ${h} handoffs × ${c} engineers claiming at once`);
  const clients = clientSet(stack.zeroUrl);
  try {
    const ids = await insertOpenHandoffs(stack.sql, account, account.l1s[0], h);
    const engineers = inTurn(account.engineers, c);
    const racers = await Promise.all(
      engineers.map(async m => {
        const zero = clients.tandem(await sessions.get(m));
        return {
          zero,
          userId: m.id,
          queue: new LiveView(zero.materialize(queries.handoff.queue())),
          mine: new LiveView(zero.materialize(queries.handoff.mine())) as unknown as LiveView<readonly Handoff[]>,
        };
      }),
    );
    await Promise.all(racers.flatMap(r => [r.queue.complete(120_000), r.mine.complete(120_000)]));
    // Everyone's queue holds every handoff before the first race.
    await Promise.all(racers.map(r => r.queue.when(rows => (rows as readonly Handoff[]).length >= h, 120_000, 'the open handoffs')));

    let winners = 0;
    let doubleClaims = 0;
    let wrongVerdicts = 0;
    const rollback: number[] = [];
    const refusal: number[] = [];
    const tick = counter('claim rounds', h);
    for (const [n, handoffId] of ids.entries()) {
      const holds = (rows: readonly Handoff[]) => rows.some(x => x.id === handoffId);
      const t0 = performance.now();
      const results = await Promise.all(
        racers.map(async r => {
          const shown = r.mine.when(holds, 30_000, 'the optimistic claim');
          const write = r.zero.mutate(mutators.handoff.claim({handoffId}));
          const rolledBack = shown.then(() => r.mine.when(rows => !holds(rows), 30_000, 'the rollback'));
          const result = await write.server;
          const refusedAt = performance.now();
          if (result.type === 'success') {
            rolledBack.catch(() => {});
            return {r, won: true};
          }
          const code = result.error.type === 'app' ? (result.error.details as {code?: string})?.code : result.error.type;
          if (code !== 'already_claimed') wrongVerdicts++;
          refusal.push(refusedAt - t0);
          rollback.push((await rolledBack) - t0);
          return {r, won: false};
        }),
      );
      const won = results.filter(x => x.won);
      winners += won.length;
      if (won.length > 1) doubleClaims++;
      tick(n + 1);
      // The next handoff is claimed a moment later, not in lockstep.
      await new Promise(res => setTimeout(res, 20 + Math.random() * 30));
    }
    // What Postgres says: one claim per handoff, held by a racer.
    const audit = await stack.sql<{n: number}[]>`
      select count(*)::int as n from audit_log where action = 'handoff.claim' and subject_id in ${stack.sql(ids)}
      group by subject_id having count(*) > 1`;
    const held = await stack.sql<{n: number}[]>`
      select count(*)::int as n from handoff where id in ${stack.sql(ids)} and status = 'claimed'`;
    doubleClaims = Math.max(doubleClaims, audit.length);
    const rb = summarize(rollback);
    const rf = summarize(refusal);
    say(`  claim race: ${winners} winners of ${h}, ${doubleClaims} double claims, loser rollback p50 ${rb.p50_ms} ms, p99 ${rb.p99_ms} ms`);
    return {
      handoffs: h,
      claimers: c,
      winners,
      double_claims: doubleClaims,
      claimed_in_db: held[0].n,
      unexpected_refusals: wrongVerdicts,
      loser_rollback_p50_ms: rb.p50_ms,
      loser_rollback_p99_ms: rb.p99_ms,
      loser_refusal_p50_ms: rf.p50_ms,
      loser_refusal_p99_ms: rf.p99_ms,
      losers: rb.samples,
    };
  } finally {
    await clients.closeAll();
  }
}
