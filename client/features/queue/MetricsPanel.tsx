import {useQuery} from '@rocicorp/zero/react';
import {useEffect, useState} from 'react';
import {pageQueries} from '../../zero/page-queries.ts';

type Stats = {average: number | null; median: number | null; p90: number | null; p95: number | null};
type Metrics = {claimed: number; with_action: number; time_to_claim: Stats; time_to_first_action: Stats};

function duration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m}m` : `${(m / 60).toFixed(1)}h`;
}

/** How often the figures are refreshed anyway, for first actions and resolves the synced store does not show here. */
const REFRESH_MS = 60_000;

/**
 * What changes when a claim happens: a card leaves (claim) or re-enters
 * (release) the live queue, and the caller's own claims and their first
 * action. The same queries the queue page holds, so nothing extra syncs.
 */
function useClaimPulse(): string {
  const [queue] = useQuery(pageQueries.queue().handoffs);
  const [mine] = useQuery(pageQueries.queue().mine);
  return `${queue.map(h => h.id).join(',')}|${mine.map(h => `${h.id}:${h.first_action_at ?? ''}`).join(',')}`;
}

/** Time-to-claim and time-to-first-action for the account over 7/30/90 days, kept current as claims happen. */
export function MetricsPanel() {
  const [window, setWindow] = useState<'7d' | '30d' | '90d'>('30d');
  const [metrics, setMetrics] = useState<Metrics | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const pulse = useClaimPulse();
  useEffect(() => {
    const again = () => document.visibilityState === 'visible' && setTick(t => t + 1);
    const timer = setInterval(again, REFRESH_MS);
    document.addEventListener('visibilitychange', again);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', again);
    };
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `pulse` (a claim somewhere) and `tick` (the refresh timer) are what make it fetch again
  useEffect(() => {
    let live = true;
    fetch(`/api/metrics/handoffs?window=${window}`, {credentials: 'include'})
      .then(r => (r.ok ? r.json() : Promise.reject(new Error(`metrics unavailable (${r.status})`))))
      .then(m => live && (setMetrics(m as Metrics), setError(null)))
      .catch(e => live && setError(e.message));
    return () => void (live = false);
  }, [window, pulse, tick]);

  const row = (label: string, s: Stats | undefined, count: number | undefined) => (
    <tr>
      <th scope="row">{label}</th>
      <td>{count ?? '—'}</td>
      <td>{duration(s?.average ?? null)}</td>
      <td>{duration(s?.median ?? null)}</td>
      <td>{duration(s?.p90 ?? null)}</td>
      <td>{duration(s?.p95 ?? null)}</td>
    </tr>
  );
  return (
    <section className="card" aria-labelledby="metrics-title">
      <div className="card-head">
        <h2 id="metrics-title">Handoff speed</h2>
        <label className="field">
          <span className="sr-only">Window</span>
          <select value={window} onChange={e => setWindow(e.target.value as typeof window)} aria-label="Metrics window">
            <option value="7d">Last 7 days</option>
            <option value="30d">Last 30 days</option>
            <option value="90d">Last 90 days</option>
          </select>
        </label>
      </div>
      {error ? (
        <p className="empty">{error}</p>
      ) : (
        <table className="table" data-testid="metrics">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">Count</th>
              <th scope="col">Average</th>
              <th scope="col">Median</th>
              <th scope="col">p90</th>
              <th scope="col">p95</th>
            </tr>
          </thead>
          <tbody>
            {row('Time to claim', metrics?.time_to_claim, metrics?.claimed)}
            {row('Time to first action', metrics?.time_to_first_action, metrics?.with_action)}
          </tbody>
        </table>
      )}
    </section>
  );
}
