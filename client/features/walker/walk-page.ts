import type {QueryResultType} from '@rocicorp/zero';
import {queries} from '../../../queries/index.ts';

/**
 * What the walker page keeps live, as flat queries keyed by the walk
 * (queries/walk-page.ts) — the page and the benchmark's walker clients open
 * exactly these.
 */
export function walkPageQueries(walkId: string) {
  return {
    header: queries.walk.header({walkId}),
    steps: queries.walk.steps({walkId}),
    lane: queries.walk.lane({walkId}),
    presence: queries.walk.presence({walkId}),
    handoffs: queries.walk.handoffs({walkId}),
    generated: queries.walk.generated({walkId}),
  };
}

type PageQueries = ReturnType<typeof walkPageQueries>;
type Parts = {[K in keyof PageQueries]: QueryResultType<PageQueries[K]>};

/** The walk as the page shows it: the same shape `walk.byId` answers. */
export type WalkPage = NonNullable<QueryResultType<ReturnType<typeof queries.walk.byId>>>;

/** One walk object from the flat results; undefined until the walk row itself is there. */
export function assembleWalkPage({header, steps, lane, presence, handoffs, generated}: Parts): WalkPage | undefined {
  if (!header) return undefined;
  return {...header, steps, lane, presence, handoffs, generated} as WalkPage;
}
