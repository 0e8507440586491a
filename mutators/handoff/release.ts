import {defineMutator} from '../define.ts';
import * as v from 'valibot';
import {zql} from '../../schema/index.ts';
import {id, text} from '../../rules/validators.ts';
import {assertHolder, loadHandoffFor} from './claimable.ts';
import {closeHandoffsOfWalk, loadWalkStillOpen} from './walk-of-handoff.ts';
import {touchWalk} from '../walk/active-walk.ts';
import {fail} from '../../rules/errors.ts';

export const releaseArgs = v.object({handoffId: id});

/**
 * Puts a claimed handoff back in the queue; its walk is `escalated` again.
 * Refused once the walk has moved on (resolved, abandoned), and while
 * someone else drives the walk (they took it over: take it back first).
 */
export const release = defineMutator(
  releaseArgs,
  {
    audit: a => ({type: 'handoff', id: String(a.handoffId)}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const {caller, handoff} = await loadHandoffFor(tx, ctx, args.handoffId);
    if (!handoff) return;
    assertHolder(caller, handoff);
    const walk = await loadWalkStillOpen(tx, handoff);
    if (walk && walk.driver_user_id !== caller.userId) {
      const driver = await tx.run(zql.member.where('id', walk.driver_user_id).one());
      fail('invalid_state', `${driver?.name ?? 'Someone else'} is driving this walk now; take it back before releasing it.`, {
        driver_user_id: walk.driver_user_id,
      });
    }
    const now = Date.now();
    await tx.mutate.handoff.update({id: handoff.id, status: 'open', claimed_by: null, claimed_at: null, first_action_at: null, released_at: now});
    // After the handoff is open again: touchWalk's first-action stamp finds no claim to stamp.
    if (walk) await touchWalk(tx, walk, {status: 'escalated'}, caller.userId, now);
    await tx.mutate.ticket.update({id: handoff.ticket_id, status: 'escalated', assigned_user_id: null, updated_at: now});
  },
);

export const resolveHandoffArgs = v.object({handoffId: id, resolutionNotes: text(20000)});

/**
 * The claimer closes the case: handoff, walk and ticket `resolved` (with
 * every other handoff the walk still holds). A resolve is the claimer's
 * first action if none came before. A walk already resolved keeps its
 * resolution; only the handoff is closed.
 */
export const resolve = defineMutator(
  resolveHandoffArgs,
  {
    audit: a => ({type: 'handoff', id: String(a.handoffId)}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const {caller, handoff} = await loadHandoffFor(tx, ctx, args.handoffId);
    if (!handoff) return;
    assertHolder(caller, handoff);
    const now = Date.now();
    await closeHandoffsOfWalk(tx, handoff.walk_id, caller.userId, now);
    const walk = await tx.run(zql.walk.where('id', handoff.walk_id).one());
    if (walk?.status === 'resolved') return;
    if (walk) {
      await tx.mutate.walk.update({
        id: walk.id,
        status: 'resolved',
        resolution_notes: args.resolutionNotes,
        ended_at: now,
        state_version: walk.state_version + 1,
        last_activity_at: now,
      });
    }
    await tx.mutate.ticket.update({id: handoff.ticket_id, status: 'resolved', resolution_notes: args.resolutionNotes, updated_at: now});
  },
);
