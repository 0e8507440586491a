import {useCallback, useEffect, useState} from 'react';
import {SignInPage} from '../auth/SignInPage.tsx';
import {AcceptInvitePage} from '../features/invite/AcceptInvitePage.tsx';
import {match, usePath} from './router.tsx';
import {INVITE_PATH} from './routes.tsx';
import {fetchSession, forgetSession, type SessionInfo} from '../auth/session-api.ts';
import {ZeroRoot} from '../zero/ZeroRoot.tsx';
import {AppShell} from '../shell/AppShell.tsx';

type State = {kind: 'loading'} | {kind: 'signed-out'; notice?: string} | {kind: 'signed-in'; session: SessionInfo} | {kind: 'error'; message: string};

/** Decides between the sign-in page and the synced app. */
export function App() {
  const [state, setState] = useState<State>({kind: 'loading'});
  const path = usePath();
  const invite = match(INVITE_PATH, path);

  const load = useCallback(async (notice?: string) => {
    try {
      const session = await fetchSession();
      setState(session ? {kind: 'signed-in', session} : {kind: 'signed-out', notice});
    } catch (error) {
      setState({kind: 'error', message: error instanceof Error ? error.message : String(error)});
    }
  }, []);

  useEffect(() => void load(), [load]);

  if (invite && state.kind !== 'loading' && state.kind !== 'signed-in') {
    return <AcceptInvitePage code={invite.code} onJoined={() => void load()} />;
  }

  switch (state.kind) {
    case 'loading':
      return (
        <div className="splash" aria-busy="true">
          Loading Tandem…
        </div>
      );
    case 'error':
      return (
        <div className="splash">
          <p className="error">Tandem could not reach its server: {state.message}</p>
          <button type="button" className="btn" onClick={() => void load()}>
            Try again
          </button>
        </div>
      );
    case 'signed-out':
      return <SignInPage notice={state.notice} onSignedIn={() => void load()} />;
    case 'signed-in': {
      const signedOut = (notice?: string) => {
        forgetSession();
        setState({kind: 'signed-out', notice});
      };
      return (
        <ZeroRoot key={state.session.context.userId} session={state.session} onSignedOut={signedOut}>
          <AppShell onSignedOut={signedOut} />
        </ZeroRoot>
      );
    }
  }
}
