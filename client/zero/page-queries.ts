import {queries} from '../../queries/index.ts';

/** How many tickets the L1 workspace's ticket list shows; the Tickets page shows more. */
export const HOME_TICKET_LIMIT = 100;
export const TICKETS_PAGE_LIMIT = 300;

export type AuditFilter = {actorId?: string; action?: string};

/**
 * Which named queries each page opens, in one place: the pages take their
 * queries from here (`useQuery(pageQueries.walker(walkId).walk)`), and the
 * benchmark opens exactly the same ones for a client "on" a page, so the two
 * cannot drift. Every page is shown inside the shell, which is open on every
 * page; what it opens is `shell()` (today nothing: the top bar, connection
 * indicator and unsynced-changes list read the session and the outbox, not
 * Zero queries).
 *
 * Each entry returns an object of query invocations, one per `useQuery` of
 * the page (and the components it always shows).
 */
export const pageQueries = {
  /** AppShell, ZeroRoot, ConnectionIndicator, UnsyncedChanges: on every page. */
  shell: () => ({}),

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

  /** `/walks`: every walk in progress in the account. */
  liveWalks: () => ({
    walks: queries.walk.active(),
  }),

  /** `/queue`: the live handoff queue (an opened card adds `handoff(id)`). */
  queue: () => ({
    handoffs: queries.handoff.queue(),
  }),

  /** `/handoffs/:handoffId`, and a card opened on the queue: the handoff context. */
  handoff: (handoffId: string) => ({
    handoff: queries.handoff.byId({handoffId}),
  }),

  /** `/tickets`: all tickets. */
  tickets: () => ({
    tickets: queries.ticket.list({limit: TICKETS_PAGE_LIMIT}),
  }),

  /** `/team`: members and seats, invites, and the audit log (filtered, plus the list of its actions). */
  team: (audit: AuditFilter = {}) => ({
    members: queries.member.list(),
    account: queries.account.current(),
    invites: queries.invite.list(),
    auditRows: queries.audit.list({actorId: audit.actorId || undefined, action: audit.action || undefined, limit: 200}),
    auditActions: queries.audit.list({limit: 500}),
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
