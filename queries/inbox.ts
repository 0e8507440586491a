import {defineQuery} from '@rocicorp/zero';
import {zql, type TandemContext} from '../schema/index.ts';
import {scopeAccountId} from './scope.ts';

/** How many entries the bell lists (newest first); older ones stay read in the database. */
export const INBOX_PAGE = 50;
/** The unread count counts this far ("99+" beyond). */
export const UNREAD_CAP = 100;

const own = (ctx: TandemContext | undefined) => zql.inbox_entry.where('account_id', scopeAccountId(ctx)).where('user_id', ctx?.userId ?? '');

/** The caller's own in-app notifications, newest first, each with the handoff it is about. */
export const mine = defineQuery(({ctx}) =>
  own(ctx)
    .related('handoff', h => h.related('ticket').related('escalator'))
    .orderBy('created_at', 'desc')
    .limit(INBOX_PAGE),
);

/** The caller's unread entries (ids only matter): the bell's count. */
export const unread = defineQuery(({ctx}) => own(ctx).where('read_at', 'IS', null).limit(UNREAD_CAP));
