import {queries} from '../../queries/index.ts';
import type {TicketStatus} from '../../schema/index.ts';

/** How many tickets the L1 workspace's ticket list shows (the Tickets page searches and pages). */
export const HOME_TICKET_LIMIT = 100;

export type TicketSearchArgs = {text?: string; status?: TicketStatus; assigneeId?: string; limit?: number};

/**
 * Which named queries each page opens, in one place: the pages take their
 * queries from here (`useQuery(pageQueries.walker(walkId).walk)`), and the
 * benchmark opens exactly the same ones for a client "on" a page, so the two
 * cannot drift. Every page is shown inside the shell, which is open on every
 * page; what it opens is `shell()` (the person's own row and inbox).
 *
 * Each entry returns an object of query invocations, one per `useQuery` of
 * the page (and the components it always shows).
 */
export const pageQueries = {
  /**
   * AppShell, ZeroRoot, ConnectionIndicator, UnsyncedChanges: on every page.
   * The caller's own member row (its `sessions_ended_at` signs this device
   * out when the person signs out everywhere) and the inbox bell.
   */
  shell: () => ({
    me: queries.member.me(),
    inbox: queries.inbox.mine(),
    unread: queries.inbox.unread(),
  }),

  /** `/` for L1s: intake form (flows, proposals), "Resume in progress", the ticket list. */
  home: () => ({
    flows: queries.flow.list(),
    proposals: queries.flow.proposals(),
    activeWalks: queries.walk.active(),
    tickets: queries.ticket.list({limit: HOME_TICKET_LIMIT}),
  }),

  /**
   * `/walks/:walkId`: the walker (driver) or the live shared screen
   * (watchers). One flat query per table, keyed by the walk
   * (queries/walk-page.ts): a step elsewhere in the account costs this page
   * nothing. `useWalkPage` puts them back together as the walk `walk.byId` answers.
   */
  walker: (walkId: string) => ({
    header: queries.walk.header({walkId}),
    steps: queries.walk.steps({walkId}),
    lane: queries.walk.lane({walkId}),
    presence: queries.walk.presence({walkId}),
    handoffs: queries.walk.handoffs({walkId}),
    generated: queries.walk.generated({walkId}),
  }),

  /** `/walks`: every walk in progress in the account, as cards (a step elsewhere costs this page nothing). */
  liveWalks: () => ({
    walks: queries.walk.live(),
  }),

  /** `/queue`: the live handoff queue and its metrics panel (an opened card adds `handoff(id)`). */
  queue: () => ({
    handoffs: queries.handoff.queue(),
    mine: queries.handoff.mine(),
  }),

  /** `/handoffs/:handoffId`, and a card opened on the queue: the handoff context. */
  handoff: (handoffId: string) => ({
    handoff: queries.handoff.byId({handoffId}),
  }),

  /** `/tickets`: the search box's results (every ticket while it is empty) and the assignee filter's people. */
  tickets: (search: TicketSearchArgs = {}) => ({
    people: queries.member.list(),
    results: queries.ticket.search(search),
  }),

  /** `/tickets/:ticketId`: the ticket's whole history, and the flows a new walk can follow. */
  ticket: (ticketId: string) => ({
    ticket: queries.ticket.byId({ticketId}),
    flows: queries.flow.list(),
  }),

  /** `/customers/:customerId`: the customer, its contacts and tickets. */
  customer: (customerId: string) => ({
    customer: queries.customer.byId({customerId, limit: 500}),
  }),

  /** Intake, while a customer name is typed: matching known customers, and the recent tickets of the one named. */
  intakeCustomer: (typed: string, knownId?: string) => ({
    matches: queries.customer.search({text: typed, limit: 6}),
    customer: queries.customer.byId({customerId: knownId ?? '', limit: 5}),
  }),

  /**
   * `/team`: members and seats, invites. The audit log on it is not synced:
   * the page reads it over HTTP (GET /api/audit, client/features/team/useAuditLog.ts).
   */
  team: () => ({
    members: queries.member.list(),
    account: queries.account.current(),
    invites: queries.invite.list(),
  }),

  /** `/flows`: the flow library and the draft form's proposals. */
  flows: () => ({
    flows: queries.flow.list(),
    proposals: queries.flow.proposals(),
  }),

  /** `/flows/:flowId`: the flow editor. */
  flowEditor: (flowId: string) => ({
    flow: queries.flow.byId({flowId}),
  }),
};

export type PageQueries = typeof pageQueries;
export type PageName = keyof PageQueries;

/**
 * Every query a client on `page` holds: the page's own and the shell's, as a
 * list (what the benchmark materializes for one open page).
 */
export function queriesOfPage<P extends PageName>(page: P, ...args: Parameters<PageQueries[P]>) {
  const own = (pageQueries[page] as (...a: Parameters<PageQueries[P]>) => Record<string, unknown>)(...args);
  return [...Object.values(pageQueries.shell()), ...Object.values(own)];
}
