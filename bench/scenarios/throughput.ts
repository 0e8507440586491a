import {mutators} from '../../mutators/index.ts';
import {bareClient} from '../bare-zero/client.ts';
import type {BenchContext} from '../context.ts';
import {say} from '../progress.ts';
import {inTurn} from '../support/bench-account.ts';
import {loopStep} from '../support/bench-flow.ts';
import {BARE_BODY} from '../support/busy-rooms.ts';
import {clientSet} from '../support/clients.ts';
import {insertActiveWalks} from '../support/fixtures.ts';
import {LiveView} from '../support/live-view.ts';
import {openPage} from '../support/pages.ts';
import {onBareZero} from './on-bare-zero.ts';
import {rateRamp, type RampLane} from './rate-ramp.ts';

/**
 * Throughput, on both apps with the same ramp: many clients, each on its own
 * walk (Tandem: the walker page's queries; bare Zero: its own room open),
 * write at a rising total rate, open loop. Latency is mutate call → server
 * confirmation; the knee is the confirmed rate of the highest stage whose
 * p99 stays within the limit. Bare Zero runs first (its zero-cache started
 * for it and stopped after), then Tandem.
 */
export async function throughput(ctx: BenchContext) {
  const {clients: n, stageMs, rates, p99LimitMs} = ctx.sizes.throughput;
  say(`throughput: ${n} clients, stages of ${stageMs / 1000} s at ${rates.join(', ')} writes/s, until p99 > ${p99LimitMs} ms; bare Zero first`);
  const bare = await onBareZero(ctx, 'bare_zero.throughput', () => bareRamp(ctx));
  const tandem = await tandemRamp(ctx);
  return {bare, tandem};
}

async function tandemRamp({stack, account, sessions, sizes}: BenchContext) {
  const {clients: n, p99LimitMs} = sizes.throughput;
  const clients = clientSet(stack.zeroUrl);
  const views: LiveView<unknown>[] = [];
  try {
    const walks = await insertActiveWalks(stack.sql, account, inTurn(account.l1s, n), 'Load walk');
    const lanes: RampLane[] = await Promise.all(
      walks.map(async w => {
        const zero = clients.tandem(await sessions.get(w.driver));
        views.push(openPage(zero, 'walker', w.walkId) as LiveView<unknown>);
        return {
          write: async (seq: number) => (await zero.mutate(mutators.walk.recordStep({walkId: w.walkId, ...loopStep(seq)})).server).type === 'success',
        };
      }),
    );
    await Promise.all(views.map(v => v.complete(120_000)));
    const {mutations_per_s, stages} = await rateRamp(lanes, sizes.throughput, 'Tandem');
    say(`  Tandem knee: ${mutations_per_s} confirmed mutations/s with p99 ≤ ${p99LimitMs} ms`);
    return {mutations_per_s, p99_limit_ms: p99LimitMs, clients: n, mutator: 'walk.recordStep', stages};
  } finally {
    for (const v of views) v.destroy();
    await clients.closeAll();
  }
}

async function bareRamp({stack, account, sessions, sizes}: BenchContext) {
  const {clients: n, p99LimitMs} = sizes.throughput;
  const clients = clientSet(stack.bareZeroUrl);
  const views: LiveView<unknown>[] = [];
  try {
    const lanes: RampLane[] = await Promise.all(
      inTurn(account.l1s, n).map(async member => {
        const zero = clients.track(bareClient(stack.bareZeroUrl, await sessions.get(member)));
        const room = crypto.randomUUID();
        views.push(new LiveView(zero.room(room)) as LiveView<unknown>);
        return {
          write: async (seq: number) => (await zero.insert({id: crypto.randomUUID(), room, seq, body: BARE_BODY, createdAt: Date.now()})).type === 'success',
        };
      }),
    );
    await Promise.all(views.map(v => v.complete(120_000)));
    const {mutations_per_s, stages} = await rateRamp(lanes, sizes.throughput, 'bare Zero');
    say(`  bare Zero knee: ${mutations_per_s} confirmed mutations/s with p99 ≤ ${p99LimitMs} ms`);
    return {mutations_per_s, p99_limit_ms: p99LimitMs, clients: n, mutator: 'item.insert', stages};
  } finally {
    for (const v of views) v.destroy();
    await clients.closeAll();
  }
}
