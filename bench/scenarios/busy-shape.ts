import type {BenchContext} from '../context.ts';
import {say} from '../progress.ts';
import {summarize} from '../stats.ts';
import {openBareRooms, openWalkRooms, type OpenRooms} from '../support/busy-rooms.ts';
import {beatCounts, beatsSince, clientSet} from '../support/clients.ts';
import {pacedWrites, WINDOW_S} from './paced-writes.ts';

export type App = 'tandem' | 'bare';

export type BusyShape = {rooms: number; watchersPerRoom: number; everyMs: number; durationMs: number; timeoutMs: number};

/**
 * One run of the busy shape on one app: open `rooms` rooms (walks on
 * Tandem, rooms of the reference app on bare Zero), each with its writer's
 * client and `watchersPerRoom` watchers, write every `everyMs` per room for
 * `durationMs`, then close every client. Latency percentiles over all
 * watcher samples, and the steps some watcher did not see within `timeoutMs`.
 */
export async function measureBusyShape(ctx: BenchContext, app: App, shape: BusyShape, label: string) {
  const clients = clientSet(app === 'tandem' ? ctx.stack.zeroUrl : ctx.stack.bareZeroUrl);
  let open: OpenRooms<unknown> | undefined;
  try {
    const t0 = performance.now();
    open = (
      app === 'tandem'
        ? await openWalkRooms(ctx, clients, {walks: shape.rooms, watchersPerWalk: shape.watchersPerRoom, label})
        : await openBareRooms(ctx, clients, {rooms: shape.rooms, watchersPerRoom: shape.watchersPerRoom})
    ) as OpenRooms<unknown>;
    const connectS = Math.round((performance.now() - t0) / 100) / 10;
    say(`  ${label}: ${clients.count()} clients on ${shape.rooms} ${app === 'tandem' ? 'walks' : 'rooms'} open in ${connectS} s`);
    const beatsBefore = {...beatCounts};
    const {samples, failures, steps, slowest, p99_by_window_ms} = await pacedWrites({
      label,
      rooms: open.rooms,
      everyMs: shape.everyMs,
      durationMs: shape.durationMs,
      timeoutMs: shape.timeoutMs,
      shows: open.shows,
    });
    if (failures.length) say(`  ${label}: ${failures.length} of ${steps} steps failed, e.g. ${failures[0]}`);
    const s = summarize(samples);
    say(`  ${label}: p50 ${s.p50_ms} ms, p95 ${s.p95_ms} ms, p99 ${s.p99_ms} ms over ${s.samples} samples`);
    say(`  ${label}: p99 per ${WINDOW_S} s of the drive: ${p99_by_window_ms.map(ms => `${ms} ms`).join(', ')}`);
    const beats = beatsSince(beatsBefore);
    if (app === 'tandem') {
      say(`  ${label}: presence beats during the drive: ${beats.recorded} recorded, ${beats.failed} failed`);
    }
    say(`  ${label}: slowest (sent at s: ms, writer answered after ms): ${slowest.map(x => `${x.at_s}: ${x.ms} (${x.ack_ms})`).join('; ')}`);
    return {
      ...s,
      rooms: shape.rooms,
      watchers_per_room: shape.watchersPerRoom,
      open_pages: open.views.length,
      clients: clients.count(),
      steps,
      failed_steps: failures.length,
      connect_s: connectS,
      p99_by_window_ms,
      slowest,
      ...(app === 'tandem' ? {presence_beats: beats} : {}),
    };
  } finally {
    open?.close();
    await clients.closeAll();
  }
}
