import {match, navigate, usePath, Link} from '../app/router.tsx';
import {signOut} from '../auth/session-api.ts';
import {useSession} from '../zero/session-context.ts';
import {HomePage} from '../features/home/HomePage.tsx';
import {TicketsPage} from '../features/tickets/TicketsPage.tsx';
import {TicketPage} from '../features/tickets/TicketPage.tsx';
import {CustomerPage} from '../features/customers/CustomerPage.tsx';
import {useSearchShortcut} from './search-shortcut.ts';
import {LiveWalksPage} from '../features/walks/LiveWalksPage.tsx';
import {WalkPage} from '../features/walks/WalkPage.tsx';
import {TeamPage} from '../features/team/TeamPage.tsx';
import {QueuePage} from '../features/queue/QueuePage.tsx';
import {FlowsPage} from '../features/flows/FlowsPage.tsx';
import {FlowEditorPage} from '../features/flows/FlowEditorPage.tsx';
import {HandoffPage} from '../features/queue/HandoffPage.tsx';
import {canUseL1Workspace, isEngineerOrOwner} from '../../mutators/permissions.ts';
import {ConnectionIndicator} from './ConnectionIndicator.tsx';
import {UnsyncedChanges} from '../offline/UnsyncedChanges.tsx';
import {useOutboxEntries} from '../offline/outbox-context.ts';
import {homeFor, navFor} from './nav.ts';
import {showsCoverageBanner} from './coverage.ts';
import {useEffect} from 'react';
import {useSessionsEnded} from '../auth/useSessionsEnded.ts';
import {InboxBell} from '../features/inbox/InboxBell.tsx';
import {ProfilePage} from '../features/profile/ProfilePage.tsx';

const ROLE_LABEL = {owner: 'Owner', engineer: 'Engineer', l1_tech: 'L1 tech', viewer: 'Viewer'} as const;

export function AppShell({onSignedOut}: {onSignedOut: (notice?: string) => void}) {
  const session = useSession();
  const ctx = session.context;
  const path = usePath();
  const nav = navFor(ctx);
  const waiting = useOutboxEntries().filter(e => e.state === 'pending').length;
  const allowed =
    nav.some(n => n.href === path) || path === '/profile' || path.startsWith('/walks/') || path.startsWith('/tickets/') || path.startsWith('/customers/') || ((path.startsWith('/handoffs/') || path.startsWith('/flows/')) && isEngineerOrOwner(ctx));

  useEffect(() => {
    if (!allowed) navigate(homeFor(ctx), {replace: true});
  }, [allowed, ctx]);

  useSearchShortcut();
  useSessionsEnded(() => onSignedOut('You were signed out on every device.'));
  const walk = match('/walks/:walkId', path);
  const ticket = match('/tickets/:ticketId', path);
  const customer = match('/customers/:customerId', path);
  const handoff = match('/handoffs/:handoffId', path);
  const flowEdit = match('/flows/:flowId', path);
  const covering = showsCoverageBanner(ctx, path);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href={homeFor(ctx)} className="brand" aria-label="Tandem home">
          <span className="brand-mark" aria-hidden="true" />
          Tandem
        </Link>
        <span className="account-name">{session.user.accountName}</span>
        <nav aria-label="Main" className="nav">
          {nav.map(item => (
            <Link
              key={item.href}
              href={item.href}
              className={path === item.href ? 'nav-link active' : 'nav-link'}
              aria-current={path === item.href ? 'page' : undefined}
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="topbar-right">
          <ConnectionIndicator />
          <InboxBell />
          <Link href="/profile" className="who" title="Your profile: password and sessions" aria-current={path === '/profile' ? 'page' : undefined}>
            <span className="avatar" aria-hidden="true">
              {initials(session.user.name)}
            </span>
            <span>
              <span className="who-name">{session.user.name}</span>
              <span className="who-role">{ROLE_LABEL[ctx.role]}</span>
            </span>
          </Link>
          <button
            className="btn btn-quiet"
            onClick={async () => {
              if (
                waiting > 0 &&
                !window.confirm(`${waiting} ${waiting === 1 ? 'change has' : 'changes have'} not reached the server yet. They stay on this device and are sent when you sign in here again. Sign out anyway?`)
              )
                return;
              await signOut();
              onSignedOut('You are signed out.');
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      {covering && (
        <div className="banner banner-coverage" role="note">
          You're covering L1. Actions are logged as coverage.
        </div>
      )}
      <main id="main" className="content">
        <UnsyncedChanges />
        {walk ? (
          <WalkPage walkId={walk.walkId} />
        ) : ticket ? (
          <TicketPage key={ticket.ticketId} ticketId={ticket.ticketId} />
        ) : customer ? (
          <CustomerPage key={customer.customerId} customerId={customer.customerId} />
        ) : handoff ? (
          <HandoffPage handoffId={handoff.handoffId} />
        ) : flowEdit ? (
          <FlowEditorPage flowId={flowEdit.flowId} />
        ) : path === '/flows' ? (
          <FlowsPage />
        ) : path === '/queue' ? (
          <QueuePage />
        ) : path === '/walks' ? (
          <LiveWalksPage />
        ) : path === '/tickets' ? (
          <TicketsPage />
        ) : path === '/profile' ? (
          <ProfilePage onSignedOut={onSignedOut} />
        ) : path === '/team' ? (
          <TeamPage />
        ) : path === '/' && canUseL1Workspace(ctx) ? (
          <HomePage />
        ) : null}
      </main>
    </div>
  );
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map(p => p[0]!.toUpperCase())
    .join('');
}
