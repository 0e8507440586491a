import {counter} from '../progress.ts';
import type {LiveView} from '../support/live-view.ts';

/** One room (a walk, or a bare-Zero room): its writer and the views that watch it. */
export type PacedRoom<T> = {
  /** Starts write `seq` (1-based); resolves when the server confirmed it, rejects when refused. */
  write: (seq: number) => Promise<void>;
  watchers: LiveView<T>[];
};

export type PacedOutcome = {samples: number[]; failures: string[]; steps: number};

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
  const failures: string[] = [];
  const pending: Promise<void>[] = [];
  const end = performance.now() + durationMs;
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
        const confirmed = room.write(seq);
        steps++;
        pending.push(
          Promise.all([Promise.all(seen), confirmed]).then(
            ([times]) => {
              for (const t of times) samples.push(t - t0);
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
  return {samples, failures, steps};
}
