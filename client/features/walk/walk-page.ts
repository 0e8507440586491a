import type {QueryResultType} from '@rocicorp/zero';
import type {pageQueries} from '../../zero/page-queries.ts';

type PageQueries = ReturnType<typeof pageQueries.walker>;
type Parts = {[K in keyof PageQueries]: QueryResultType<PageQueries[K]>};
type Header = NonNullable<Parts['header']>;

/**
 * The walk as the walker page shows it — the same shape `walk.byId`
 * answers — put together from the page's flat queries (pageQueries.walker).
 */
export type WalkPage = Header & Omit<Parts, 'header'>;

/** One walk object from the flat results; undefined until the walk row itself is there. */
export function assembleWalkPage({header, steps, lane, presence, handoffs, generated}: Parts): WalkPage | undefined {
  if (!header) return undefined;
  return {...header, steps, lane, presence, handoffs, generated};
}
