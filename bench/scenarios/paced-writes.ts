import {counter} from '../progress.ts';
import {percentile} from '../stats.ts';
import type {LiveView} from '../support/live-view.ts';

/** One room (a walk, or a bare-Zero room): its writer and the views that watch it. */
export type PacedRoom<T> = {
  /** Starts write `seq` (1-based); resolves when the server confirmed it, rejects when refused. */
  write: (seq: number) => Promise<void>;
  watchers: LiveView<T>[];
};

/** One slow sample: when its write was sent (s into the drive), how long a watcher took, and when the writer's own mutation was answered. */
export type SlowSample = {at_s: number; ms: number; ack_ms: number};

export type PacedOutcome = {
  samples: number[];
  failures: string[];
  steps: number;
  /** The slowest samples, slowest first: set against the send time they tell whether the tail is one moment or spread out. */
  slowest: SlowSample[];
  /** p99 of the samples written in each `WINDOW_S` window of the drive, in order: whether the tail grows as the drive goes on. */
  p99_by_window_ms: number[];
};

/** Width of a window of `p99_by_window_ms`. */
export const WINDOW_S = 10;

/**
 * The busy shape, shared by Tandem and bare Zero: every room's writer writes
 * once every `everyMs` (each room starting at a random moment within the
 * first period, as people start at different times) until `durationMs` has
 * passed. A sample is the time from the write call until one watcher's view
 * shows it; a write that some watcher does not show within `timeoutMs` (or
 * that the server refuses) is one failed step.
 */
export async function pacedWrites<T>({
  label,
  rooms,
  everyMs,
  durationMs,
  timeoutMs,
  shows,
}: {
  label: string;
  rooms: PacedRoom<T>[];
  everyMs: number;
  durationMs: number;
  timeoutMs: number;
  /** Whether a watcher's data includes write `seq`. */
  shows: (data: T, seq: number) => boolean;
}): Promise<PacedOutcome> {
  const samples: number[] = [];
  const timed: SlowSample[] = [];
  const failures: string[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const end = start + durationMs;
  // About this many writes: each room writes once per period from a random start.
  const tick = counter(label, Math.max(1, Math.round((rooms.length * durationMs) / everyMs)));
  let done = 0;
  let steps = 0;
  await Promise.all(
    rooms.map(async room => {
      await new Promise(r => setTimeout(r, Math.random() * Math.min(everyMs, durationMs)));
      for (let seq = 1; performance.now() < end; seq++) {
        const next = performance.now() + everyMs;
        const seen = room.watchers.map(v => v.when(d => shows(d, seq), timeoutMs, `${label} write ${seq}`));
        const t0 = performance.now();
        let ackMs = NaN;
        const confirmed = room.write(seq).then(() => void (ackMs = performance.now() - t0));
        steps++;
        pending.push(
          Promise.all([Promise.all(seen), confirmed]).then(
            ([times]) => {
              for (const t of times) {
                samples.push(t - t0);
                timed.push({at_s: Math.round((t0 - start) / 100) / 10, ms: Math.round(t - t0), ack_ms: Math.round(ackMs)});
              }
              tick(++done);
            },
            (e: Error) => void failures.push(e.message),
          ),
        );
        await new Promise(r => setTimeout(r, Math.max(0, next - performance.now())));
      }
    }),
  );
  await Promise.all(pending);
  const windows = Math.max(1, Math.ceil(durationMs / 1000 / WINDOW_S));
  const p99ByWindow = Array.from({length: windows}, (_, w) => {
    const inWindow = timed.filter(t => Math.min(windows - 1, Math.floor(t.at_s / WINDOW_S)) === w).map(t => t.ms);
    return inWindow.length ? Math.round(percentile(inWindow, 99)) : NaN;
  });
  const slowest = [...timed].sort((a, b) => b.ms - a.ms).slice(0, 12);
  return {samples, failures, steps, slowest, p99_by_window_ms: p99ByWindow};
}
