import {appendFileSync} from 'node:fs';

/**
 * The reliability suite's bookkeeping. `npm test` runs the short version;
 * `npm run test:chaos` sets TANDEM_CHAOS=full (bigger runs) and
 * TANDEM_CHAOS_REPORT=<file>, and every fault, fuzz and attack test appends
 * what it tried and what it saw here, one JSON line each. The README's
 * summary table is generated from that file (scripts/chaos-summary.ts).
 */
export type ChaosRecord = {
  /** Which table row: 'fault' | 'hostile_input' | 'attack'. */
  kind: 'fault' | 'hostile_input' | 'attack';
  /** What was done, e.g. 'SIGKILL zero-cache mid-walk' or 'ticket.intake'. */
  name: string;
  /** How many times it was tried (faults injected, inputs sent, attacks made). */
  tried: number;
  /** How many of those were survived / answered cleanly / refused. */
  passed: number;
  /** Rows or steps lost or wrongly written (must be 0). */
  lost: number;
  /** Of the changes sent, how many landed more than once (must be 0); absent where `lost` counts both. */
  duplicated?: number;
  /**
   * Per fault injected: milliseconds from the part being back until
   * propagation p99 was under 1 s again (null: not within the time watched).
   * Recorded, never asserted.
   */
  recoveryMs?: (number | null)[];
};

export const chaosFull = process.env.TANDEM_CHAOS === 'full';

/** Picks the short or the full size of a chaos run. */
export function chaosSize(short: number, full: number): number {
  return chaosFull ? full : short;
}

export function recordChaos(record: ChaosRecord): void {
  const file = process.env.TANDEM_CHAOS_REPORT;
  if (!file) return;
  appendFileSync(file, JSON.stringify({...record, at: new Date().toISOString()}) + '\n');
}
