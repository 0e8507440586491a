import {useCallback, useEffect, useRef, useState} from 'react';
import {AUDIT_MAX_LIMIT, AUDIT_PAGE, type AuditEntry, type AuditFilter} from '../../../rules/audit-log.ts';
import {fetchAuditPage} from './audit-log-api.ts';

export type AuditLogState = {
  entries: AuditEntry[];
  /** The actions the "What" filter offers (those of the newest entries). */
  actions: string[];
  /** `loading`: nothing to show yet for these filters; `error`: the last read failed (`error` says why). */
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  /** A refresh or "Load more" is on its way (what is shown stays meanwhile). */
  busy: boolean;
  hasMore: boolean;
  loadMore: () => void;
  refresh: () => void;
};

/**
 * The audit log for `filter`, read over HTTP (GET /api/audit): the newest
 * page first, `loadMore` appends the next, `refresh` reads again as many as
 * are shown (for the filters, when the window regains focus, on the Refresh
 * button, and after the owner's own change: `changes` counts them).
 * An answer that a newer read has overtaken is dropped.
 */
export function useAuditLog(filter: AuditFilter, changes: number): AuditLogState {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [actions, setActions] = useState<string[]>([]);
  const [status, setStatus] = useState<AuditLogState['status']>('loading');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [next, setNext] = useState<string | null>(null);
  // Which read the screen follows: every new read from the top takes a new number.
  const generation = useRef(0);
  const shown = useRef(0);
  shown.current = entries.length;
  const key = JSON.stringify(filter);
  const filterRef = useRef(filter);
  filterRef.current = filter;

  const read = useCallback((fresh: boolean) => {
    const mine = ++generation.current;
    const limit = fresh ? AUDIT_PAGE : Math.min(AUDIT_MAX_LIMIT, Math.max(AUDIT_PAGE, shown.current));
    if (fresh) {
      setEntries([]);
      setNext(null);
      setStatus('loading');
    }
    setBusy(true);
    fetchAuditPage(filterRef.current, {limit})
      .then(page => {
        if (mine !== generation.current) return;
        setEntries(page.entries);
        setActions(page.actions);
        setNext(page.next);
        setStatus('ready');
        setError(null);
      })
      .catch((e: Error) => {
        if (mine !== generation.current) return;
        setStatus('error');
        setError(e.message);
      })
      .finally(() => mine === generation.current && setBusy(false));
  }, []);

  const refresh = useCallback(() => read(false), [read]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` (the filters) is what makes it read from the top
  useEffect(() => read(true), [key, read]);
  useEffect(() => {
    if (changes > 0) refresh();
  }, [changes, refresh]);
  useEffect(() => {
    const again = () => document.visibilityState === 'visible' && refresh();
    window.addEventListener('focus', again);
    document.addEventListener('visibilitychange', again);
    return () => {
      window.removeEventListener('focus', again);
      document.removeEventListener('visibilitychange', again);
    };
  }, [refresh]);

  const loadMore = useCallback(() => {
    if (!next) return;
    const mine = generation.current;
    setBusy(true);
    fetchAuditPage(filterRef.current, {before: next, limit: AUDIT_PAGE})
      .then(page => {
        if (mine !== generation.current) return;
        setEntries(shownNow => {
          const have = new Set(shownNow.map(e => e.id));
          return [...shownNow, ...page.entries.filter(e => !have.has(e.id))];
        });
        setNext(page.next);
        setError(null);
      })
      .catch((e: Error) => mine === generation.current && setError(e.message))
      .finally(() => mine === generation.current && setBusy(false));
  }, [next]);

  return {entries, actions, status, error, busy, hasMore: next !== null, loadMore, refresh};
}
