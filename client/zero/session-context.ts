import {createContext, useContext} from 'react';
import type {SessionInfo} from '../auth/session-api.ts';

export const SessionContext = createContext<SessionInfo | null>(null);

/** The signed-in person (their Zero context, name and account). */
export function useSession(): SessionInfo {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in tree');
  return s;
}
