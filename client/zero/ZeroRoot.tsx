import {Zero} from '@rocicorp/zero';
import {ZeroProvider} from '@rocicorp/zero/react';
import {useEffect, useMemo, useRef, type ReactNode} from 'react';
import {mutators} from '../../mutators/index.ts';
import {schema, type TandemContext} from '../../schema/index.ts';
import {Outbox} from '../offline/outbox.ts';
import {OutboxContext} from '../offline/outbox-context.ts';
import {askOutboxAnswers} from '../offline/outbox-answers.ts';
import {localJournal} from '../offline/outbox-journal.ts';
import type {SessionInfo} from '../auth/session-api.ts';
import {keepConnected} from './keep-connected.ts';
import {SessionContext} from './session-context.ts';

const OFFLINE_WRITES_FOR_MS = 20 * 24 * 60 * 60 * 1000; // under setTimeout's 24.8-day ceiling

/** 20 days; `localStorage['tandem.disconnectTimeoutMs']` shortens it (tests of the outbox). */
function disconnectTimeoutMs(): number {
  const override = Number(localStorage.getItem('tandem.disconnectTimeoutMs'));
  return override > 0 ? override : OFFLINE_WRITES_FOR_MS;
}

/**
 * One Zero client per signed-in person. The store persists in IndexedDB
 * (per user), and zero-cache forwards the session cookie to the API.
 * When the API answers 401 (session expired or revoked), the app returns
 * to the sign-in page; after any other fatal connection error it reconnects
 * by itself (keep-connected.ts). Its children see the session, Zero and the
 * outbox.
 */
export function ZeroRoot({session, onSignedOut, children}: {session: SessionInfo; onSignedOut: (notice?: string) => void; children: ReactNode}) {
  const zero = useMemo(
    () =>
      new Zero({
        cacheURL: session.zeroUrl,
        userID: session.context.userId,
        context: session.context as TandemContext | undefined,
        schema,
        mutators,
        storageKey: 'tandem',
        // Offline, Zero keeps accepting (and persisting) changes only while
        // it is "connecting"; after this long it would refuse them. An L1 on
        // a dead line keeps walking for days, so keep connecting that long.
        disconnectTimeoutMs: disconnectTimeoutMs(),
      }),
    [session],
  );

  const outbox = useMemo(() => new Outbox(zero, localJournal(session.context.userId), askOutboxAnswers()), [zero, session]);
  useEffect(() => () => outbox.close(), [outbox]);

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
        <OutboxContext.Provider value={outbox}>{children}</OutboxContext.Provider>
      </ZeroProvider>
    </SessionContext.Provider>
  );
}
