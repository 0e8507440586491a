import {createContext, useCallback, useContext} from 'react';
import {useChange} from '../../offline/use-change.ts';

/** Told each time the owner's own change on the Team page is accepted: the audit log reads again to show its row. */
export const TeamChanged = createContext<() => void>(() => {});

/**
 * The client write hook (client/offline/use-change.ts) for the Team page's
 * panels: the same `run`, and once a change is accepted the page's audit
 * log refreshes (it is read over HTTP, not synced).
 */
export function useTeamChange() {
  const change = useChange();
  const changed = useContext(TeamChanged);
  const {run: send} = change;
  const run = useCallback(
    async (...args: Parameters<typeof send>) => {
      const ok = await send(...args);
      if (ok) changed();
      return ok;
    },
    [send, changed],
  );
  return {...change, run};
}
