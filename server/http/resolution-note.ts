import {Hono} from 'hono';
import {isEngineerOrOwner} from '../../rules/permissions.ts';
import {zql} from '../../schema/index.ts';
import type {AiConfig} from '../ai/model-client.ts';
import {renderNote, writeResolutionNote} from '../writers/resolution-note.ts';
import {loadWalkData} from '../writers/load-walk-record.ts';
import type {DbProvider} from '../zero/db-provider.ts';
import type {Gated, SessionGate} from './session-gate.ts';
import {asServerTransaction} from '../../rules/server-transaction.ts';

/**
 * POST /api/walks/:walkId/resolution-note: drafts the customer-facing note
 * (AI when configured, else the local writer) and stores it keyed by the
 * walk's state_version; asking again without a change to the walk returns
 * the stored draft instead of regenerating. The draft syncs to every screen.
 */
export function resolutionNoteRoutes(db: DbProvider, ai: AiConfig | undefined, gate: SessionGate, log: (l: string) => void) {
  const app = new Hono<Gated>();
  app.post('/:walkId/resolution-note', gate, async c => {
    const ctx = c.get('ctx');
    const walkId = c.req.param('walkId');
    const walk = await db.transaction(tx => tx.run(zql.walk.where('id', walkId).one()));
    if (!walk || walk.account_id !== ctx.accountId) return c.json({error: 'not_found', message: 'Walk not found.'}, 404);
    if (walk.driver_user_id !== ctx.userId && !isEngineerOrOwner(ctx)) return c.json({error: 'forbidden', message: 'Only the driver or an engineer.'}, 403);
    const id = `${walkId}:resolution_note`;
    const existing = await db.transaction(tx => tx.run(zql.generated_text.where('id', id).one()));
    if (existing && existing.state_version === walk.state_version) return c.json({id, regenerated: false});

    const input = await db.transaction(async zeroTx => (await loadWalkData(asServerTransaction(zeroTx), walkId))?.record);
    if (!input) return c.json({error: 'not_found', message: 'Walk not found.'}, 404);
    const {note, writer} = await writeResolutionNote(input, ai, log);
    const text = renderNote(note);
    await db.transaction(async tx => {
      await tx.mutate.generated_text.upsert({
        id,
        account_id: walk.account_id,
        walk_id: walkId,
        kind: 'resolution_note',
        state_version: walk.state_version,
        writer,
        generated: text,
        draft: text,
        updated_at: Date.now(),
      });
    });
    return c.json({id, regenerated: true});
  });
  return app;
}
