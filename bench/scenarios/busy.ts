import type {BenchContext} from '../context.ts';
import {say} from '../progress.ts';
import {measureBusyShape, type BusyShape} from './busy-shape.ts';
import {onBareZero} from './on-bare-zero.ts';

/** A step some watcher has not seen after this long counts as failed. */
const STEP_TIMEOUT_MS = 30_000;

/**
 * The busy account, on both apps in one go: bare Zero in the busy shape
 * first (its zero-cache started for it), then its zero-cache is stopped and
 * Tandem's busy account runs on the same machine right after — many walks
 * at once, two engineers watching each, every L1 stepping every few seconds.
 */
export async function busy(ctx: BenchContext) {
  const {walks, watchersPerWalk, stepEveryMs, durationMs} = ctx.sizes.busy;
  const shape: BusyShape = {rooms: walks, watchersPerRoom: watchersPerWalk, everyMs: stepEveryMs, durationMs, timeoutMs: STEP_TIMEOUT_MS};
  say(`busy: bare Zero, ${walks} rooms × ${watchersPerWalk} watchers, a write every ${stepEveryMs / 1000} s each, ${durationMs / 1000} s`);
  const bare = await onBareZero(ctx, 'bare_zero.busy', () => measureBusyShape(ctx, 'bare', shape, 'bare busy'));
  say(`busy: Tandem, ${walks} walks × ${watchersPerWalk} watchers, a step every ${stepEveryMs / 1000} s each, ${durationMs / 1000} s`);
  const tandem = await measureBusyShape(ctx, 'tandem', shape, 'Tandem busy');
  return {bare, tandem};
}
