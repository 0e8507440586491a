import {useQuery} from '@rocicorp/zero/react';
import {useMemo} from 'react';
import {pageQueries} from '../../zero/page-queries.ts';
import {assembleWalkPage} from './walk-page.ts';

/**
 * The walker page's live walk: its flat per-table queries
 * (pageQueries.walker), put back together as the one object `walk.byId` answers
 * (ticket, driver, flow, steps, lane, presence, handoffs, generated), with
 * the walk row's query details (complete or not).
 */
export function useWalkPage(walkId: string) {
  const q = useMemo(() => pageQueries.walker(walkId), [walkId]);
  const [header, details] = useQuery(q.header);
  const [steps] = useQuery(q.steps);
  const [lane] = useQuery(q.lane);
  const [presence] = useQuery(q.presence);
  const [handoffs] = useQuery(q.handoffs);
  const [generated] = useQuery(q.generated);
  const walk = useMemo(() => assembleWalkPage({header, steps, lane, presence, handoffs, generated}), [header, steps, lane, presence, handoffs, generated]);
  return [walk, details] as const;
}
