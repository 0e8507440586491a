import * as v from 'valibot';
import {zql} from '../../schema/index.ts';
import {defineMutator} from '../define.ts';
import {loadOwned} from '../../rules/tenancy.ts';
import {fail} from '../../rules/errors.ts';
import {canUseL1Workspace, isEngineerOrOwner, requireContext} from '../../rules/permissions.ts';
import {id, text} from '../../rules/validators.ts';

export const saveDraftArgs = v.object({walkId: id, draft: text(20000)});

/** Keeps the person's edits to a generated resolution note (the preview persists across reloads). */
export const saveDraft = defineMutator(
  saveDraftArgs,
  {
    audit: false,
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = requireContext(ctx);
    if (!isEngineerOrOwner(caller) && !canUseL1Workspace(caller)) fail('forbidden', 'Only the driver or an engineer edits the note.');
    const row = await loadOwned(tx, caller, 'generated_text', `${args.walkId}:resolution_note`, 'Draft', 'There is no draft for this walk yet.');
    if (!row) return;
    const walk = await tx.run(zql.walk.where('id', args.walkId).one());
    if (walk && walk.driver_user_id !== caller.userId && !isEngineerOrOwner(caller)) fail('forbidden', 'Only the driver or an engineer edits the note.');
    await tx.mutate.generated_text.update({id: row.id, draft: args.draft, updated_at: Date.now()});
  },
);
