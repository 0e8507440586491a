import {bareClient, type BareZero} from '../bare-zero/client.ts';
import type {BenchContext} from '../context.ts';
import {say} from '../progress.ts';
import {summarize} from '../stats.ts';
import {clientSet} from '../support/clients.ts';
import {inTurn} from '../support/bench-account.ts';
import {LiveView} from '../support/live-view.ts';
import {BARE_BODY} from '../support/busy-rooms.ts';
import {watchedWrites} from './watched-writes.ts';

/**
 * Bare Zero: the reference one-table app (bench/bare-zero) on its own
 * zero-cache with the same settings, driven in the shapes of walk
 * propagation: one writer inserts into a room, W watchers have the room open.
 */
export async function bareZero({stack, account, sessions, sizes}: BenchContext) {
  const out: Record<string, unknown> = {};
  for (const [i, w] of sizes.watcherCounts.entries()) {
    say(`bare zero: W=${w}, ${sizes.propagationSteps} inserts`);
    const clients = clientSet(stack.bareZeroUrl);
    try {
      const writer = clients.track(bareClient(stack.bareZeroUrl, await sessions.get(account.l1s[i % account.l1s.length])));
      const watcherSessions = await sessions.all(inTurn(account.engineers, w));
      const room = crypto.randomUUID();
      const open = (z: BareZero) => new LiveView(z.room(room));
      const writerView = open(writer);
      const views = watcherSessions.map(s => open(clients.track(bareClient(stack.bareZeroUrl, s))));
      await Promise.all([writerView, ...views].map(v => v.complete()));

      const samples = await watchedWrites({
        label: `bare zero W=${w}`,
        steps: sizes.propagationSteps,
        watchers: views,
        write: async seq => {
          const result = await writer.insert({id: crypto.randomUUID(), room, seq, body: BARE_BODY, createdAt: Date.now()});
          if (result.type !== 'success') throw new Error(`bare insert refused: ${JSON.stringify(result)}`);
        },
        shows: (rows, seq) => rows.some(r => r.seq === seq),
      });
      const s = summarize(samples);
      out[`w${w}`] = {...s, steps: sizes.propagationSteps};
      say(`  bare zero W=${w}: p50 ${s.p50_ms} ms, p99 ${s.p99_ms} ms`);
      for (const v of [writerView, ...views]) v.destroy();
    } finally {
      await clients.closeAll();
    }
  }
  return out;
}
