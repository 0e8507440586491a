import {defineQuery} from '@rocicorp/zero';
import * as v from 'valibot';
import {zql} from '../schema/index.ts';
import {scopeAccountId} from './scope.ts';

/**
 * The walker page's live data, one flat query per table, each keyed by the
 * walk (bench/README.md, "Root cause of the busy account"). zero-cache keeps
 * every open query live for its client group: a change to a table is run
 * through every group's pipelines on that table. A flat `where walk_id = X`
 * drops another walk's step at the source; the same step inside
 * `walk.byId`'s `steps` relationship makes every group's join look its
 * parent walk up first. `walk.byId` stays for outside clients (docs/contract.md);
 * the page assembles the same object from these (client/features/walk/useWalkPage.ts).
 */
const walkArgs = v.object({walkId: v.string()});

/** The walk row with what rarely changes around it: ticket, driver, who started it, flow or proposal. */
export const header = defineQuery(walkArgs, ({args, ctx}) =>
  zql.walk
    .where('account_id', scopeAccountId(ctx))
    .where('id', args.walkId)
    .related('ticket')
    .related('driver')
    .related('starter')
    .related('flow')
    .related('proposal')
    .one(),
);

/** The walk's recorded steps, in order. */
export const steps = defineQuery(walkArgs, ({args, ctx}) =>
  zql.walk_step.where('account_id', scopeAccountId(ctx)).where('walk_id', args.walkId).orderBy('seq', 'asc'),
);

/** The walk's task lane (not removed items), in order, with each item's author. */
export const lane = defineQuery(walkArgs, ({args, ctx}) =>
  zql.task_lane_item
    .where('account_id', scopeAccountId(ctx))
    .where('walk_id', args.walkId)
    .where('deleted_at', 'IS', null)
    .related('author')
    .orderBy('position', 'asc'),
);

/** Who is looking at the walk now. */
export const presence = defineQuery(walkArgs, ({args, ctx}) =>
  zql.walk_presence.where('account_id', scopeAccountId(ctx)).where('walk_id', args.walkId).related('user'),
);

/** The walk's handoffs, newest first, with who picked each up (the escalator is told). */
export const handoffs = defineQuery(walkArgs, ({args, ctx}) =>
  zql.handoff.where('account_id', scopeAccountId(ctx)).where('walk_id', args.walkId).related('claimer').orderBy('escalated_at', 'desc'),
);

/** Drafts the AI wrote for the walk (e.g. its resolution note). */
export const generated = defineQuery(walkArgs, ({args, ctx}) => zql.generated_text.where('account_id', scopeAccountId(ctx)).where('walk_id', args.walkId));
