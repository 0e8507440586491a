import {Link, navigate, usePath} from '../app/router.tsx';
import {homeFor, navFor, screenAt} from '../app/routes.tsx';
import {signOut} from '../auth/session-api.ts';
import {useSession} from '../zero/session-context.ts';
import {useSearchShortcut} from './search-shortcut.ts';
import {ConnectionIndicator} from './ConnectionIndicator.tsx';
import {UnsyncedChanges} from '../offline/UnsyncedChanges.tsx';
import {useOutboxEntries} from '../offline/outbox-context.ts';
import {showsCoverageBanner} from './coverage.ts';
import {useEffect} from 'react';
import {initials, ROLE_LABEL} from '../ui/people.ts';

export function AppShell({onSignedOut}: {onSignedOut: (notice?: string) => void}) {
  const session = useSession();
  const ctx = session.context;
  const path = usePath();
  const nav = navFor(ctx);
  const waiting = useOutboxEntries().filter(e => e.state === 'pending').length;
  const at = screenAt(path);
  const allowed = !!at && at.screen.may(ctx);

  useEffect(() => {
    if (!allowed) navigate(homeFor(ctx), {replace: true});
  }, [allowed, ctx]);

  useSearchShortcut();
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
          <span className="who">
            <span className="avatar" aria-hidden="true">
              {initials(session.user.name)}
            </span>
            <span>
              <span className="who-name">{session.user.name}</span>
              <span className="who-role">{ROLE_LABEL[ctx.role]}</span>
            </span>
          </span>
          <button
            type="button"
            className="btn btn-quiet"
            onClick={async () => {
              if (
                waiting > 0 &&
                !window.confirm(
                  `${waiting} ${waiting === 1 ? 'change has' : 'changes have'} not reached the server yet. They stay on this device and are sent when you sign in here again. Sign out anyway?`,
                )
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
        {allowed && at.screen.render(at.params)}
      </main>
    </div>
  );
}
