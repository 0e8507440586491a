import {defineQueries} from '@rocicorp/zero';
import * as admin from './admin.ts';
import * as customer from './customers.ts';
import * as flow from './flows.ts';
import * as handoff from './handoffs.ts';
import * as inbox from './inbox.ts';
import * as member from './members.ts';
import * as ticket from './tickets.ts';
import * as walk from './walks.ts';
import * as walkPage from './walk-page.ts';

/** The named queries (docs/contract.md); each filters to the caller's account inside. */
export const queries = defineQueries({
  ticket: {list: ticket.list, byId: ticket.byId, search: ticket.search},
  customer: {search: customer.search, byId: customer.byId},
  walk: {
    byId: walk.byId,
    active: walk.active,
    live: walk.live,
    // The walker page's flat queries (queries/walk-page.ts).
    header: walkPage.header,
    steps: walkPage.steps,
    lane: walkPage.lane,
    presence: walkPage.presence,
    handoffs: walkPage.handoffs,
    generated: walkPage.generated,
  },
  member: {me: member.me, list: member.list},
  flow: {list: flow.list, byId: flow.byId, proposals: flow.proposals},
  handoff: {queue: handoff.queue, byId: handoff.byId, mine: handoff.mine},
  account: {current: admin.currentAccount},
  invite: {list: admin.invites},
  inbox: {mine: inbox.mine, unread: inbox.unread},
});

export type Queries = typeof queries;
