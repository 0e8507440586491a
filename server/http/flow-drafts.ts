import {Hono} from 'hono';
import * as v from 'valibot';
import {isEngineerOrOwner} from '../../rules/permissions.ts';
import type {AiConfig} from '../ai/model-client.ts';
import {draftFlow} from '../writers/flow-draft.ts';
import type {Sql} from '../db/connect.ts';
import type {Gated, SessionGate} from './session-gate.ts';

const body = v.object({
  proposalId: v.pipe(v.string(), v.uuid()),
  problemStatement: v.pipe(v.string(), v.trim(), v.nonEmpty('Describe the problem first.'), v.maxLength(4000)),
});

/** POST /api/flows/draft: engineers draft a walkable flow proposal from a problem statement. */
export function flowDraftRoutes(sql: Sql, ai: AiConfig | undefined, gate: SessionGate, log: (l: string) => void) {
  const app = new Hono<Gated>();
  app.post('/draft', gate, async c => {
    const ctx = c.get('ctx');
    if (!isEngineerOrOwner(ctx)) return c.json({error: 'forbidden', message: 'Engineers and owners draft flows.'}, 403);
    const parsed = v.safeParse(body, await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({error: 'invalid_input', message: parsed.issues.map(i => i.message).join(' ')}, 400);
    const {proposalId, problemStatement} = parsed.output;
    const draft = await draftFlow(problemStatement, ai, log);
    const [row] = await sql<{account_id: string}[]>`
      insert into flow_proposal (id, account_id, title, problem_statement, source, definition, created_by, created_at)
      values (${proposalId}, ${ctx.accountId}, ${draft.title}, ${problemStatement}, ${draft.writer === 'ai' ? 'ai' : 'manual'},
              ${sql.json(draft.definition)}, ${ctx.userId}, ${Date.now()})
      on conflict (id) do update set id = excluded.id where flow_proposal.account_id = ${ctx.accountId}
      returning account_id`;
    if (!row) return c.json({error: 'invalid_input', message: 'proposalId is already in use.'}, 400);
    await sql`insert into audit_log (id, account_id, actor_user_id, action, subject_type, subject_id, acting_as, details, at)
      values (${crypto.randomUUID()}, ${ctx.accountId}, ${ctx.userId}, 'flow.draft', 'flow_proposal', ${proposalId}, 'self',
              ${sql.json({writer: draft.writer})}, ${Date.now()})`;
    return c.json({proposalId, writer: draft.writer, title: draft.title});
  });
  return app;
}
