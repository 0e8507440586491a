import type {TypedView} from '@rocicorp/zero';
import {queriesOfPage, type PageName, type PageQueries} from '../../client/zero/page-queries.ts';
import type {TandemZero} from './clients.ts';
import {LiveView} from './live-view.ts';

/** One open page's data: its views' data in the order queriesOfPage lists them (shell first). */
export type PageData = readonly unknown[];

type Listener = (data: PageData, resultType: string) => void;

/**
 * The views of one page as one view: it changes whenever any of them does,
 * and is complete once all of them are (what a page needs to be "loaded").
 */
function pageView(views: TypedView<unknown>[]): TypedView<PageData> {
  return {
    addListener(listener: Listener) {
      const data: unknown[] = new Array(views.length);
      const types: string[] = new Array(views.length).fill('unknown');
      const seen = new Array(views.length).fill(false);
      const emit = () => {
        if (!seen.every(Boolean)) return;
        listener([...data], types.every(t => t === 'complete') ? 'complete' : 'unknown');
      };
      const stops = views.map((v, i) =>
        v.addListener((d, t) => {
          data[i] = d;
          types[i] = t;
          seen[i] = true;
          emit();
        }),
      );
      return () => stops.forEach(stop => stop());
    },
    destroy() {
      for (const v of views) v.destroy();
    },
  } as unknown as TypedView<PageData>;
}

/**
 * A Tandem client on `page`: exactly the queries that page opens in the
 * browser (client/zero/page-queries.ts, the module the pages use), the
 * shell's included, materialized and timed as one LiveView.
 */
export function openPage<P extends PageName>(z: TandemZero, page: P, ...args: Parameters<PageQueries[P]>): LiveView<PageData> {
  const views = queriesOfPage(page, ...args).map(q => z.materialize(q as never) as unknown as TypedView<unknown>);
  return new LiveView(pageView(views));
}

type StepRow = {walk_id?: unknown; seq?: unknown; kind?: unknown};

const isStepOf = (r: unknown, seq: number) => {
  const row = r as StepRow | null;
  return !!row && typeof row === 'object' && row.seq === seq && 'walk_id' in row && (row.kind === 'answer' || row.kind === 'back');
};

/**
 * Whether an open walker page shows step `seq`: the steps may come inside
 * the walk (`walk.byId` with its `steps`) or as a query of their own (rows
 * of walk_step); either way the page shows it when one of its views does.
 */
export function pageShowsStep(page: PageData, seq: number): boolean {
  return page.some(data => {
    if (Array.isArray(data)) return data.some(r => isStepOf(r, seq));
    const steps = (data as {steps?: unknown} | undefined)?.steps;
    return Array.isArray(steps) && steps.some(r => isStepOf(r, seq));
  });
}

type HandoffRow = {id?: unknown};

/** Whether an open queue page shows the handoff card `handoffId`. */
export function pageShowsHandoff(page: PageData, handoffId: string): boolean {
  return page.some(data => Array.isArray(data) && data.some(r => (r as HandoffRow | null)?.id === handoffId && 'escalated_at' in (r as object)));
}

type PresenceRow = {walk_id?: unknown; last_seen?: unknown; presence?: unknown};

/**
 * Whether an open page shows at least `n` people on walk `walkId`: the
 * walker page's presence rows, or the walk's card on Live walks (its `presence`).
 */
export function pageShowsPresence(page: PageData, walkId: string, n: number): boolean {
  return page.some(data => {
    if (!Array.isArray(data)) return false;
    const rows = data as (PresenceRow | null)[];
    if (rows.filter(r => r?.walk_id === walkId && r.last_seen !== undefined).length >= n) return true;
    const card = rows.find(r => r?.walk_id === walkId && Array.isArray(r.presence));
    return !!card && (card.presence as unknown[]).length >= n;
  });
}
