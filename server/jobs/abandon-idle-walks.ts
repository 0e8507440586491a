import type {Sql} from '../db/connect.ts';

export const IDLE_LIMIT_MS = 24 * 60 * 60 * 1000;

/**
 * Flips `active` walks idle for more than 24 h to `abandoned` (docs/walks.md).
 * One conditional UPDATE: running it twice, or on several servers at once,
 * changes each walk once and never touches a walk that moved meanwhile.
 * Tickets still marked `walking` go back to `open`. A parked walk (an open
 * `park` handoff: waiting on the customer) is never abandoned while parked;
 * picking it up again counts as activity, so its 24 h start then.
 */
export async function abandonIdleWalks(sql: Sql, now = Date.now()): Promise<string[]> {
  const cutoff = now - IDLE_LIMIT_MS;
  return sql.begin(async tx => {
    const walks = await tx<{id: string; ticket_id: string}[]>`
      update walk set status = 'abandoned', ended_at = ${now}, state_version = state_version + 1
      where status = 'active' and last_activity_at < ${cutoff}
        and not exists (select 1 from handoff h where h.walk_id = walk.id and h.intent = 'park' and h.status = 'open')
      returning id, ticket_id`;
    if (walks.length) {
      await tx`update ticket set status = 'open', updated_at = ${now}
        where id in ${tx(walks.map(w => w.ticket_id))} and status = 'walking'`;
    }
    return walks.map(w => w.id);
  });
}

/** Runs the job now and then hourly; returns a stop function. */
export function scheduleAbandonment(sql: Sql, log: (line: string) => void, everyMs = 60 * 60 * 1000): () => void {
  const run = () =>
    abandonIdleWalks(sql)
      .then(ids => ids.length && log(`abandoned ${ids.length} idle walk(s)`))
      .catch(error => log(`walk abandonment failed: ${error instanceof Error ? error.message : error}`));
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
