import type {TypedView} from '@rocicorp/zero';

type Waiter<T> = {accept: (data: T) => boolean; resolve: (at: number) => void; reject: (e: Error) => void; timer: NodeJS.Timeout};

/**
 * A materialized Zero query whose changes are timed as they arrive: every
 * listener call is checked against the waiters, so a wait resolves with the
 * performance.now() of the change that satisfied it (no polling delay).
 */
export class LiveView<T> {
  data: T | undefined;
  resultType = 'unknown';
  /** How many times the view changed (each is work on this client). */
  changes = 0;
  #waiters: Waiter<T>[] = [];
  #unlisten: () => void;

  constructor(private readonly view: TypedView<T>) {
    this.#unlisten = view.addListener((data, resultType) => {
      const at = performance.now();
      this.changes++;
      this.data = data as T;
      this.resultType = resultType;
      this.#check(at);
    });
  }

  #check(at: number) {
    if (this.data === undefined) return;
    for (const w of [...this.#waiters]) {
      if (!w.accept(this.data)) continue;
      this.#waiters.splice(this.#waiters.indexOf(w), 1);
      clearTimeout(w.timer);
      w.resolve(at);
    }
  }

  /** Resolves with the time the view first satisfied `accept` (now, if it already does). */
  when(accept: (data: T) => boolean, ms = 30_000, what = 'a change'): Promise<number> {
    if (this.data !== undefined && accept(this.data)) return Promise.resolve(performance.now());
    return new Promise((resolve, reject) => {
      const w: Waiter<T> = {
        accept,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#waiters.splice(this.#waiters.indexOf(w), 1);
          reject(new Error(`view did not show ${what} within ${ms} ms`));
        }, ms),
      };
      this.#waiters.push(w);
    });
  }

  /** Resolves once the server has confirmed the query's result. */
  complete(ms = 60_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`query not complete within ${ms} ms`)), ms);
      const check = () => {
        if (this.resultType === 'complete') {
          clearTimeout(timer);
          unlisten();
          resolve(performance.now());
        }
      };
      const unlisten = this.view.addListener(() => queueMicrotask(check));
      check();
    });
  }

  destroy() {
    for (const w of this.#waiters) clearTimeout(w.timer);
    this.#waiters = [];
    this.#unlisten();
    this.view.destroy();
  }
}
