import {levelHolds, openPagesHeld, type CapacityLevel} from '../capacity.ts';
import type {BenchContext} from '../context.ts';
import {say} from '../progress.ts';
import {measureBusyShape, type App} from './busy-shape.ts';
import {onBareZero} from './on-bare-zero.ts';

/** Pages per walk (room): the driver's and two watchers'. */
const PAGES_PER_WALK = 3;

/**
 * Capacity ramp, on both apps: open walker pages in steps (walks × 3:
 * driver + 2 watchers, a step every 5 s per walk), each level for a short
 * while; the capacity is the largest open-page count whose p99 stays within
 * the limit with no failed step. Bare Zero ramps first (its zero-cache
 * started for it and stopped after), then Tandem.
 */
export async function capacity(ctx: BenchContext) {
  const bare = await onBareZero(ctx, 'bare_zero.capacity', () => ramp(ctx, 'bare'));
  const tandem = await ramp(ctx, 'tandem');
  return {bare, tandem};
}

async function ramp(ctx: BenchContext, app: App) {
  const {pages: steps, levelMs, stepEveryMs, p99LimitMs, timeoutMs} = ctx.sizes.capacity;
  const name = app === 'tandem' ? 'Tandem' : 'bare Zero';
  say(`capacity: ${name}, ${steps.join(' → ')} open walker pages, ${levelMs / 1000} s each, until p99 > ${p99LimitMs} ms or a failed step`);
  const levels: (CapacityLevel & Record<string, unknown>)[] = [];
  for (const pages of steps) {
    const walks = Math.max(1, Math.round(pages / PAGES_PER_WALK));
    let level: CapacityLevel & Record<string, unknown>;
    try {
      const r = await measureBusyShape(
        ctx,
        app,
        {rooms: walks, watchersPerRoom: PAGES_PER_WALK - 1, everyMs: stepEveryMs, durationMs: levelMs, timeoutMs},
        `${name} capacity ${pages} pages`,
      );
      level = {
        pages: r.open_pages,
        walks,
        p50_ms: r.p50_ms,
        p95_ms: r.p95_ms,
        p99_ms: r.p99_ms,
        samples: r.samples,
        steps: r.steps,
        failed_steps: r.failed_steps,
        connect_s: r.connect_s,
      };
    } catch (error) {
      // A level that cannot even open its pages does not hold.
      level = {pages: walks * PAGES_PER_WALK, walks, p99_ms: NaN, failed_steps: 0, error: error instanceof Error ? error.message : String(error)};
      say(`  ${name} capacity ${pages} pages FAILED: ${level.error}`);
    }
    levels.push(level);
    if (!levelHolds(level, p99LimitMs)) break;
  }
  const openPages = openPagesHeld(levels, p99LimitMs);
  say(`  ${name} capacity: ${openPages} open walker pages with p99 ≤ ${p99LimitMs} ms and no failed step`);
  return {open_pages: openPages, p99_limit_ms: p99LimitMs, step_every_ms: stepEveryMs, level_ms: levelMs, levels};
}
