import {useQuery} from '@rocicorp/zero/react';
import {useMemo} from 'react';
import {assembleWalkPage, walkPageQueries} from './walk-page.ts';

/**
 * The walker page's live walk: the flat per-table queries of
 * walk-page.ts, put back together as the one object `walk.byId` answers
 * (ticket, driver, flow, steps, lane, presence, handoffs, generated), with
 * the walk row's query details (complete or not).
 */
export function useWalkPage(walkId: string) {
  const q = useMemo(() => walkPageQueries(walkId), [walkId]);
  const [header, details] = useQuery(q.header);
  const [steps] = useQuery(q.steps);
  const [lane] = useQuery(q.lane);
  const [presence] = useQuery(q.presence);
  const [handoffs] = useQuery(q.handoffs);
  const [generated] = useQuery(q.generated);
  const walk = useMemo(
    () => assembleWalkPage({header, steps, lane, presence, handoffs, generated}),
    [header, steps, lane, presence, handoffs, generated],
  );
  return [walk, details] as const;
}
