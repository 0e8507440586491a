import * as v from 'valibot';
import {defineMutator} from '../define.ts';
import {loadOwned} from '../../rules/tenancy.ts';
import {fail} from '../../rules/errors.ts';
import {isEngineerOrOwner, requireContext} from '../../rules/permissions.ts';
import {id} from '../../rules/validators.ts';

const line = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(2000));
export const editPackageArgs = v.object({
  handoffId: id,
  package: v.object({
    problem: line,
    confirmed: v.pipe(v.array(line), v.minLength(1), v.maxLength(30)),
    tried: v.pipe(v.array(line), v.minLength(1), v.maxLength(30)),
    hypothesis: line,
    nextSteps: v.pipe(v.array(line), v.minLength(1), v.maxLength(8)),
  }),
});

/** The escalator or an engineer corrects the generated package; the edit is what gets read. */
export const editPackage = defineMutator(
  editPackageArgs,
  {
    audit: a => ({type: 'handoff', id: String(a.handoffId)}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = requireContext(ctx);
    const handoff = await loadOwned(tx, caller, 'handoff', args.handoffId, 'Handoff');
    if (!handoff) return;
    if (handoff.escalated_by !== caller.userId && !isEngineerOrOwner(caller)) fail('forbidden', 'Only the escalator or an engineer edits the package.');
    if (handoff.status === 'resolved') fail('invalid_state', 'This handoff is closed.');
    if (handoff.package_writer === 'pending') fail('invalid_state', 'The package is still being written.');
    await tx.mutate.handoff.update({id: handoff.id, package: args.package, package_edited_by: caller.userId, package_edited_at: Date.now()});
  },
);
