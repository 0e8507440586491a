import {Zero} from '@rocicorp/zero';
import {ZeroProvider} from '@rocicorp/zero/react';
import {useEffect, useMemo, useRef} from 'react';
import {mutators} from '../../mutators/index.ts';
import {schema, type TandemContext} from '../../schema/index.ts';
import {AppShell} from '../shell/AppShell.tsx';
import type {SessionInfo} from '../auth/session-api.ts';
import {keepConnected} from './keep-connected.ts';
import {SessionContext} from './session-context.ts';

/**
 * One Zero client per signed-in person. The store persists in IndexedDB
 * (per user), and zero-cache forwards the session cookie to the API.
 * When the API answers 401 (session expired or revoked), the app returns
 * to the sign-in page; after any other fatal connection error it reconnects
 * by itself (keep-connected.ts).
 */
export function ZeroRoot({session, onSignedOut}: {session: SessionInfo; onSignedOut: (notice?: string) => void}) {
  const zero = useMemo(
    () =>
      new Zero({
        cacheURL: session.zeroUrl,
        userID: session.context.userId,
        context: session.context as TandemContext | undefined,
        schema,
        mutators,
        storageKey: 'tandem',
      }),
    [session],
  );

  // The client lives as long as this signed-in tree: re-renders of the
  // parent must never close it (only unmounting does).
  const signedOut = useRef(onSignedOut);
  signedOut.current = onSignedOut;
  useEffect(() => {
    const unsubscribe = zero.connection.state.subscribe(state => {
      if (state.name === 'needs-auth') signedOut.current('Your session has ended. Sign in again.');
    });
    // A restarted server part never needs a reload: resume after fatal errors.
    const stopReconnecting = keepConnected(zero);
    return () => {
      unsubscribe();
      stopReconnecting();
      void zero.close();
    };
  }, [zero]);

  return (
    <SessionContext.Provider value={session}>
      <ZeroProvider zero={zero}>
        <AppShell onSignedOut={onSignedOut} />
      </ZeroProvider>
    </SessionContext.Provider>
  );
}
