import type {LiveView} from '../support/live-view.ts';
import {counter} from '../progress.ts';

/**
 * The shape shared by walk propagation and bare Zero: one writer makes
 * `steps` writes one after the other; W watchers each have the writer's room
 * (walk) open. For every write, the time from the mutate call until each
 * watcher's view shows it is one sample. The next write starts once every
 * watcher has it and the server confirmed it, after a short pause.
 */
export async function watchedWrites<T>({
  label,
  steps,
  watchers,
  write,
  shows,
}: {
  label: string;
  steps: number;
  watchers: LiveView<T>[];
  /** Starts write `seq` (1-based); resolves when the server confirmed it. */
  write: (seq: number) => Promise<void>;
  /** Whether a watcher's data includes write `seq`. */
  shows: (data: T, seq: number) => boolean;
}): Promise<number[]> {
  const samples: number[] = [];
  const tick = counter(label, steps);
  for (let seq = 1; seq <= steps; seq++) {
    const seen = watchers.map(w => w.when(d => shows(d, seq), 30_000, `${label} write ${seq}`));
    const t0 = performance.now();
    const confirmed = write(seq);
    const times = await Promise.all(seen);
    await confirmed;
    for (const t of times) samples.push(t - t0);
    tick(seq);
    await new Promise(r => setTimeout(r, 5 + Math.random() * 10));
  }
  return samples;
}
