import {createContext, useContext} from 'react';

/** Leaves the signed-in app for the sign-in page with a notice (provided by the shell). */
export const SignedOutContext = createContext<((notice?: string) => void) | null>(null);

export function useSignedOut(): (notice?: string) => void {
  const signedOut = useContext(SignedOutContext);
  if (!signedOut) throw new Error('useSignedOut outside the app shell');
  return signedOut;
}
