import {Hono} from 'hono';
import * as v from 'valibot';
import {id} from '../../rules/validators.ts';
import type {Sql} from '../db/connect.ts';
import {ZERO_UPSTREAM_SCHEMA} from '../zero-cache/zero-app.ts';
import type {Gated, SessionGate} from './session-gate.ts';

const zeroClientId = v.pipe(v.string(), v.minLength(1), v.maxLength(100));

export const outboxAnswersArgs = v.object({
  clientGroupID: zeroClientId,
  clientID: zeroClientId,
  changeIds: v.pipe(v.array(id), v.maxLength(1000)),
});

/**
 * POST /api/outbox/answers {clientGroupID, clientID, changeIds}: what became
 * of changes whose answer the browser's outbox never got, because Zero's
 * connection failed while they were on their way (docs/offline.md §2). Zero
 * still holds such a change and pushes it again by itself; the outbox must
 * not send it again, only learn its fate. Answers, from one snapshot:
 * `applied`, the caller's change ids the change ledger holds (applied once,
 * done), and `lastMutationID`, how far the server has taken that Zero
 * client's mutations (0 before its first). A change of a mutation at or
 * below it and not applied was refused: Zero has let go of it, and the
 * outbox sends it once more to hear the reason. Only the caller's own
 * ledger rows are read. 200; 400 `invalid_input`.
 */
export function outboxAnswersRoutes(sql: Sql, gate: SessionGate) {
  const app = new Hono<Gated>();
  const clients = sql(`${ZERO_UPSTREAM_SCHEMA}.clients`);
  app.post('/answers', gate, async c => {
    const ctx = c.get('ctx');
    const parsed = v.safeParse(outboxAnswersArgs, await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({error: 'invalid_input', message: 'Expected {clientGroupID, clientID, changeIds}.'}, 400);
    const {clientGroupID, clientID, changeIds} = parsed.output;
    const [row] = await sql<{lastMutationID: string | null; applied: string[]}[]>`
      select (select "lastMutationID" from ${clients} where "clientGroupID" = ${clientGroupID} and "clientID" = ${clientID}) as "lastMutationID",
             array(select change_id from tandem_internal.change_ledger where member_id = ${ctx.userId} and change_id = any(${changeIds}::text[])) as applied`;
    return c.json({lastMutationID: Number(row?.lastMutationID ?? 0), applied: row?.applied ?? []});
  });
  return app;
}
