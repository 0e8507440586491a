import {writeEscalationPackage, PACKAGE_BUDGET_MS} from '../writers/write-escalation-package.ts';
import type {AiConfig} from '../ai/model-client.ts';
import type {Sql} from '../db/connect.ts';
import type {DbProvider} from '../zero/db-provider.ts';
import {loadEscalationRecord} from '../writers/load-walk-record.ts';
import {asServerTransaction} from '../../rules/server-transaction.ts';

/** A pending package whose writer vanished (crash) is picked up again after this long. */
const STALE_MS = PACKAGE_BUDGET_MS + 30_000;

/**
 * Writes pending escalation packages after commit, outside any transaction:
 * each row is claimed with a conditional UPDATE (safe on several servers),
 * the AI writer gets its 45 s budget, and the deterministic writer fills in
 * on failure. The result replicates to every open context screen.
 */
export function createPackageJob(sql: Sql, db: DbProvider, ai: AiConfig | undefined, log: (line: string) => void, budgetMs = PACKAGE_BUDGET_MS) {
  let running: Promise<void> | undefined;

  async function runOnce(): Promise<number> {
    const now = Date.now();
    const claimed = await sql<{id: string}[]>`
      update handoff set package_started_at = ${now}
      where id in (
        select id from handoff
        where package_writer = 'pending' and (package_started_at is null or package_started_at < ${now - STALE_MS})
        for update skip locked limit 10
      )
      returning id`;
    await Promise.all(
      claimed.map(async ({id}) => {
        const loaded = await db.transaction(tx => loadEscalationRecord(asServerTransaction(tx), id));
        if (!loaded) return;
        const written = await writeEscalationPackage(loaded.record, ai, log, budgetMs);
        await sql`update handoff set package = ${sql.json(written.package)}, assessment = ${sql.json(written.assessment)},
          package_writer = ${written.writer}, package_state_version = ${loaded.stateVersion}
          where id = ${id} and package_writer = 'pending'`;
      }),
    );
    return claimed.length;
  }

  return {
    /** Starts writing whatever is pending; concurrent kicks share one run. */
    kick(): Promise<void> {
      running ??= runOnce()
        .then(() => undefined)
        .catch(e => log(`package writer failed: ${e instanceof Error ? e.message : e}`))
        .finally(() => (running = undefined));
      return running;
    },
  };
}
