import {describe, expect, it} from 'vitest';
import {recoveryMs, type PropagationSample} from '../support/propagation-recovery.ts';

/** A send every 100 ms from `from` to `to`, each taking `ms` to show. */
const sends = (from: number, to: number, ms: (at: number) => number | null): PropagationSample[] =>
  Array.from({length: Math.floor((to - from) / 100)}, (_, i) => ({sentAt: from + i * 100, ms: ms(from + i * 100)}));

describe('propagation recovery after a fault', () => {
  it('is 0 when what is sent once the part is back shows within 1 s', () => {
    expect(
      recoveryMs(
        sends(0, 20_000, () => 120),
        5000,
        20_000,
      ),
    ).toBe(0);
  });

  it('is the start of the first window whose p99 is under 1 s', () => {
    // Slow for 4 s after the part is back (the client still reconnecting), then fast.
    const samples = sends(0, 20_000, at => (at < 9000 ? 4000 : 150));
    expect(recoveryMs(samples, 5000, 20_000)).toBe(4000);
  });

  it('counts a change never shown as slower than any target', () => {
    const samples = sends(0, 20_000, at => (at < 7000 ? null : 80));
    expect(recoveryMs(samples, 5000, 20_000)).toBe(2000);
  });

  it('ignores what was sent before the part was back, and is null when no window recovers in time', () => {
    const samples = sends(0, 10_000, () => 5000);
    expect(recoveryMs(samples, 5000, 10_000)).toBeNull();
    expect(recoveryMs([...sends(0, 5000, () => 9000), ...sends(5000, 10_000, () => 10)], 5000, 10_000)).toBe(0);
  });
});
