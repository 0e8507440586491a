/** One level of a capacity ramp: how many pages were open and how their steps fared. */
export type CapacityLevel = {pages: number; p99_ms: number; failed_steps: number};

/** A level holds when its p99 is within the limit and every step reached every watcher. */
export function levelHolds(level: CapacityLevel, p99LimitMs: number): boolean {
  return Number.isFinite(level.p99_ms) && level.p99_ms <= p99LimitMs && level.failed_steps === 0;
}

/**
 * The capacity: the largest open-page count of the levels that hold, in
 * ramp order, up to the first that does not (the ramp stops there; a later
 * level never counts). 0 when even the first level fails.
 */
export function openPagesHeld(levels: readonly CapacityLevel[], p99LimitMs: number): number {
  let held = 0;
  for (const level of levels) {
    if (!levelHolds(level, p99LimitMs)) break;
    held = Math.max(held, level.pages);
  }
  return held;
}
