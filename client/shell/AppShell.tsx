import {match, navigate, usePath, Link} from '../app/router.tsx';
import {SignOutButton} from './SignOutButton.tsx';
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
import {homeFor, navFor} from './nav.ts';
import {showsCoverageBanner} from './coverage.ts';
import {useEffect, useState} from 'react';
import {ThemeSelect} from '../theme/ThemeSelect.tsx';
import {ShortcutsHelp} from './ShortcutsHelp.tsx';

const ROLE_LABEL = {owner: 'Owner', engineer: 'Engineer', l1_tech: 'L1 tech', viewer: 'Viewer'} as const;

export function AppShell({onSignedOut}: {onSignedOut: (notice?: string) => void}) {
  const session = useSession();
  const ctx = session.context;
  const path = usePath();
  const nav = navFor(ctx);
  const allowed =
    nav.some(n => n.href === path) || path.startsWith('/walks/') || path.startsWith('/tickets/') || path.startsWith('/customers/') || ((path.startsWith('/handoffs/') || path.startsWith('/flows/')) && isEngineerOrOwner(ctx));

  useEffect(() => {
    if (!allowed) navigate(homeFor(ctx), {replace: true});
  }, [allowed, ctx]);

  useSearchShortcut();
  const walk = match('/walks/:walkId', path);
  const ticket = match('/tickets/:ticketId', path);
  const customer = match('/customers/:customerId', path);
  const handoff = match('/handoffs/:handoffId', path);
  const flowEdit = match('/flows/:flowId', path);
  const covering = showsCoverageBanner(ctx, path);
  // Phone: the nav and the person's controls fold behind a menu button; a new page closes it.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className={menuOpen ? 'topbar menu-open' : 'topbar'}>
        <Link href={homeFor(ctx)} className="brand" aria-label="Tandem home">
          <span className="brand-mark" aria-hidden="true" />
          Tandem
        </Link>
        <ConnectionIndicator />
        <button
          type="button"
          id="menu-button"
          className="btn btn-quiet menu-button"
          aria-expanded={menuOpen}
          aria-controls="topbar-menu"
          onClick={() => setMenuOpen(o => !o)}
        >
          <span className="menu-icon" aria-hidden="true" />
          Menu
        </button>
        <div
          className="topbar-menu"
          id="topbar-menu"
          onKeyDown={e => {
            if (e.key !== 'Escape' || !menuOpen) return;
            setMenuOpen(false);
            document.getElementById('menu-button')?.focus();
          }}
        >
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
          <ShortcutsHelp />
          <ThemeSelect />
          <span className="who" title={`${session.user.name} · ${ROLE_LABEL[ctx.role]} · ${session.user.accountName}`}>
            <span className="avatar" aria-hidden="true">
              {initials(session.user.name)}
            </span>
            <span>
              <span className="who-name">{session.user.name}</span>
              <span className="who-role">
                {ROLE_LABEL[ctx.role]} · <span className="account-name">{session.user.accountName}</span>
              </span>
            </span>
          </span>
          <SignOutButton onSignedOut={onSignedOut} />
        </div>
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
