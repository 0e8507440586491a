import {describe, expect, it} from 'vitest';
import {levelHolds, openPagesHeld} from '../../bench/capacity.ts';

const level = (pages: number, p99_ms: number, failed_steps = 0) => ({pages, p99_ms, failed_steps});

describe('bench capacity ramp', () => {
  it('holds a level with p99 within the limit and no failed step', () => {
    expect(levelHolds(level(30, 500), 500)).toBe(true);
    expect(levelHolds(level(30, 500.1), 500)).toBe(false);
    expect(levelHolds(level(30, 120, 1), 500)).toBe(false);
    expect(levelHolds(level(30, NaN), 500)).toBe(false);
  });

  it('is the largest page count before the first level that fails', () => {
    expect(openPagesHeld([level(30, 90), level(60, 200), level(90, 480), level(150, 900)], 500)).toBe(90);
    expect(openPagesHeld([level(30, 90), level(60, 200), level(90, 480), level(150, 300), level(240, 450)], 500)).toBe(240);
  });

  it('never counts a level after one that failed, and is 0 when the first fails', () => {
    expect(openPagesHeld([level(30, 90), level(60, 100, 2), level(90, 100)], 500)).toBe(30);
    expect(openPagesHeld([level(30, 700), level(60, 100)], 500)).toBe(0);
    expect(openPagesHeld([], 500)).toBe(0);
  });
});
