import {Link, navigate, usePath} from '../app/router.tsx';
import {homeFor, navFor, screenAt} from '../app/routes.tsx';
import {useSession} from '../zero/session-context.ts';
import {useSearchShortcut} from './search-shortcut.ts';
import {ConnectionIndicator} from './ConnectionIndicator.tsx';
import {UnsyncedChanges} from '../offline/UnsyncedChanges.tsx';
import {showsCoverageBanner} from './coverage.ts';
import {useEffect, useState} from 'react';
import {ThemeSelect} from '../theme/ThemeSelect.tsx';
import {ShortcutsHelp} from './ShortcutsHelp.tsx';
import {SignOutButton} from './SignOutButton.tsx';
import {useSessionsEnded} from '../auth/useSessionsEnded.ts';
import {SignedOutContext} from '../auth/signed-out-context.ts';
import {InboxBell} from '../features/inbox/InboxBell.tsx';
import {initials, ROLE_LABEL} from '../ui/people.ts';

export function AppShell({onSignedOut}: {onSignedOut: (notice?: string) => void}) {
  const session = useSession();
  const ctx = session.context;
  const path = usePath();
  const nav = navFor(ctx);
  const at = screenAt(path);
  const allowed = !!at && at.screen.may(ctx);

  useEffect(() => {
    if (!allowed) navigate(homeFor(ctx), {replace: true});
  }, [allowed, ctx]);

  useSearchShortcut();
  useSessionsEnded(() => onSignedOut('You were signed out on every device.'));
  const covering = showsCoverageBanner(ctx, path);
  // Phone: the nav and the person's controls fold behind "Menu", open on the page it was opened on (a new page closes it).
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === path;
  const setMenuOpen = (open: boolean) => setMenuOpenOn(open ? path : null);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setMenuOpenOn(null);
      document.getElementById('menu-button')?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);

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
        <InboxBell />
        <button
          type="button"
          id="menu-button"
          className="btn btn-quiet menu-button"
          aria-expanded={menuOpen}
          aria-controls="topbar-menu"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <span className="menu-icon" aria-hidden="true" />
          Menu
        </button>
        <div className="topbar-menu" id="topbar-menu">
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
            <Link
              href="/profile"
              className="who"
              title={`${session.user.name} · ${ROLE_LABEL[ctx.role]} · ${session.user.accountName} — your profile: password and sessions`}
              aria-current={path === '/profile' ? 'page' : undefined}
            >
              <span className="avatar" aria-hidden="true">
                {initials(session.user.name)}
              </span>
              <span>
                <span className="who-name">{session.user.name}</span>
                <span className="who-role">
                  {ROLE_LABEL[ctx.role]} · <span className="account-name">{session.user.accountName}</span>
                </span>
              </span>
            </Link>
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
        <SignedOutContext.Provider value={onSignedOut}>{allowed && at.screen.render(at.params)}</SignedOutContext.Provider>
      </main>
    </div>
  );
}
