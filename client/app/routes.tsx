import type {ReactNode} from 'react';
import {canManageAccount, canUseL1Workspace, isEngineerOrOwner} from '../../rules/permissions.ts';
import type {TandemContext} from '../../schema/index.ts';
import {CustomerPage} from '../features/customers/CustomerPage.tsx';
import {FlowEditorPage} from '../features/flows/FlowEditorPage.tsx';
import {FlowsPage} from '../features/flows/FlowsPage.tsx';
import {HomePage} from '../features/home/HomePage.tsx';
import {HandoffPage} from '../features/queue/HandoffPage.tsx';
import {QueuePage} from '../features/queue/QueuePage.tsx';
import {TeamPage} from '../features/team/TeamPage.tsx';
import {TicketPage} from '../features/tickets/TicketPage.tsx';
import {TicketsPage} from '../features/tickets/TicketsPage.tsx';
import {LiveWalksPage} from '../features/walk/LiveWalksPage.tsx';
import {WalkPage} from '../features/walk/WalkPage.tsx';
import {match} from './router.tsx';

export type Screen = {
  /** Its URL: "/queue", or "/walks/:walkId" with a parameter. */
  path: string;
  /** Who may open it: the same rules the server enforces. Anyone else lands on their home screen. */
  may: (ctx: TandemContext) => boolean;
  /** Its label in the main nav (in this order); screens reached through a link have none. */
  nav?: string;
  /** A screen of the L1 workspace: a covering engineer's actions there are logged as coverage. */
  l1Workspace?: true;
  render: (params: Record<string, string>) => ReactNode;
};

const anyone = () => true;

/** The app's map: every screen of the signed-in app, its URL, who may open it. */
export const SCREENS: readonly Screen[] = [
  {path: '/', nav: 'L1 workspace', may: canUseL1Workspace, l1Workspace: true, render: () => <HomePage />},
  {path: '/queue', nav: 'Queue', may: isEngineerOrOwner, render: () => <QueuePage />},
  {path: '/walks', nav: 'Live walks', may: isEngineerOrOwner, render: () => <LiveWalksPage />},
  {path: '/flows', nav: 'Flows', may: isEngineerOrOwner, render: () => <FlowsPage />},
  {path: '/tickets', nav: 'Tickets', may: anyone, l1Workspace: true, render: () => <TicketsPage />},
  {path: '/team', nav: 'Team', may: canManageAccount, render: () => <TeamPage />},
  {path: '/walks/:walkId', may: anyone, l1Workspace: true, render: p => <WalkPage walkId={p.walkId!} />},
  {path: '/tickets/:ticketId', may: anyone, l1Workspace: true, render: p => <TicketPage key={p.ticketId} ticketId={p.ticketId!} />},
  {path: '/customers/:customerId', may: anyone, l1Workspace: true, render: p => <CustomerPage key={p.customerId} customerId={p.customerId!} />},
  {path: '/handoffs/:handoffId', may: isEngineerOrOwner, render: p => <HandoffPage handoffId={p.handoffId!} />},
  {path: '/flows/:flowId', may: isEngineerOrOwner, render: p => <FlowEditorPage flowId={p.flowId!} />},
];

/** Before sign-in: an invite link opens its own page for anyone not signed in (App.tsx). */
export const INVITE_PATH = '/invite/:code';

/** The screen a URL opens, with its parameters; null for no screen. */
export function screenAt(path: string): {screen: Screen; params: Record<string, string>} | null {
  for (const screen of SCREENS) {
    const params = screen.path.includes(':') ? match(screen.path, path) : screen.path === path ? {} : null;
    if (params) return {screen, params};
  }
  return null;
}

/** The main nav of a role. */
export function navFor(ctx: TandemContext): {href: string; label: string}[] {
  return SCREENS.filter(s => s.nav && s.may(ctx)).map(s => ({href: s.path, label: s.nav!}));
}

/** Where a role lands: the sign-in, the brand link, and any screen it may not open. */
export function homeFor(ctx: TandemContext): string {
  return canUseL1Workspace(ctx) ? '/' : isEngineerOrOwner(ctx) ? '/queue' : '/tickets';
}
