import type {Sql} from '../server/db/connect.ts';
import {processTreeCpuSeconds} from './stack/process-cpu.ts';
import type {BenchStack} from './stack/bench-stack.ts';

/** What one zero-cache part did during one scenario. */
export type PartReport = {cpu_s: number; cpu_share_of_one_core: number; client_groups: number};

/**
 * `npm run bench -- --view-syncers=N`: for each scenario, every zero-cache
 * part's CPU (its process tree) and the client groups it served (CVR
 * instances it owns that were active during the scenario: each view syncer
 * runs as ZERO_TASK_ID=<its name>).
 */
export function viewSyncerMeter(stack: BenchStack) {
  const parts = (stack.zeroParts ?? []).filter(p => p.pid !== undefined) as {name: string; pid: number}[];
  return {
    start() {
      const at = Date.now();
      const cpu = new Map(parts.map(p => [p.name, processTreeCpuSeconds(p.pid)]));
      return async function finish(sql: Sql): Promise<Record<string, PartReport>> {
        const seconds = (Date.now() - at) / 1000;
        const rows = await sql<{owner: string; groups: number}[]>`
          select owner, count(*)::int as groups from "zero_0/cvr".instances
          where "lastActive" >= to_timestamp(${at / 1000}) and not coalesce(deleted, false)
          group by owner`.catch(() => []);
        const groups = new Map(rows.map(r => [r.owner, r.groups]));
        return Object.fromEntries(
          parts.map(p => {
            // A part restarted meanwhile has a new pid tree: its CPU counts from 0.
            const used = Math.max(0, processTreeCpuSeconds(p.pid) - (cpu.get(p.name) ?? 0));
            const report: PartReport = {
              cpu_s: Math.round(used * 10) / 10,
              cpu_share_of_one_core: seconds > 0 ? Math.round((used / seconds) * 100) / 100 : 0,
              client_groups: groups.get(p.name) ?? 0,
            };
            return [p.name, report];
          }),
        );
      };
    },
  };
}
