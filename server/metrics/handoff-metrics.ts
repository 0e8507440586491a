import type {Sql} from '../db/connect.ts';

export const WINDOWS = {'7d': 7, '30d': 30, '90d': 90} as const;
export type MetricsWindow = keyof typeof WINDOWS;

export type Stats = {average: number | null; median: number | null; p90: number | null; p95: number | null};
type HandoffMetrics = {
  window: MetricsWindow;
  from: number;
  to: number;
  claimed: number;
  with_action: number;
  /** milliseconds from escalated_at to claimed_at */
  time_to_claim: Stats;
  /** milliseconds from claimed_at to the claimer's first step, note or lane change */
  time_to_first_action: Stats;
};

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function stats(values: number[]): Stats {
  const sorted = values.map(v => Math.max(0, v)).sort((a, b) => a - b);
  if (!sorted.length) return {average: null, median: null, p90: null, p95: null};
  const mid = Math.floor(sorted.length / 2);
  return {
    average: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2,
    p90: percentile(sorted, 90),
    p95: percentile(sorted, 95),
  };
}

/** The end of the UTC day containing `now`: a window never drops its last day. */
export function endOfDay(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1) - 1;
}

/**
 * Time-to-claim and time-to-first-action for one account over a window,
 * filtered on claimed_at; unclaimed handoffs are left out, negative gaps
 * count as 0, no data gives zero counts and null statistics.
 */
export async function handoffMetrics(sql: Sql, accountId: string, window: MetricsWindow, now = Date.now()): Promise<HandoffMetrics> {
  const to = endOfDay(now);
  const from = to - WINDOWS[window] * 24 * 60 * 60 * 1000 + 1;
  const rows = await sql<{escalated_at: number; claimed_at: number; first_action_at: number | null}[]>`
    select escalated_at, claimed_at, first_action_at from handoff
    where account_id = ${accountId} and intent = 'escalate' and claimed_at is not null
      and claimed_at between ${from} and ${to}`;
  const acted = rows.filter(r => r.first_action_at !== null);
  return {
    window,
    from,
    to,
    claimed: rows.length,
    with_action: acted.length,
    time_to_claim: stats(rows.map(r => r.claimed_at - r.escalated_at)),
    time_to_first_action: stats(acted.map(r => r.first_action_at! - r.claimed_at)),
  };
}
