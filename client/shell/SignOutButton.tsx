import {useRef, useState} from 'react';
import {createPortal} from 'react-dom';
import {signOut} from '../auth/session-api.ts';
import {useOutboxEntries} from '../offline/outbox-context.ts';
import {ConfirmDialog} from '../ui/ConfirmDialog.tsx';

/** Sign out; with changes still waiting for the server, only after saying so (a real dialog, not window.confirm). */
export function SignOutButton({onSignedOut}: {onSignedOut: (notice?: string) => void}) {
  const waiting = useOutboxEntries().filter(e => e.state === 'pending').length;
  const [asking, setAsking] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const leave = async () => {
    await signOut();
    onSignedOut('You are signed out.');
    return true;
  };
  return (
    <>
      <button type="button" ref={button} className="btn btn-quiet" onClick={() => (waiting > 0 ? setAsking(true) : void leave())}>
        Sign out
      </button>
      {/* In <body>: on a phone this button sits in the folded menu, which would hide the dialog too. */}
      {asking &&
        createPortal(
          <ConfirmDialog title="Sign out anyway?" confirmLabel="Sign out" onConfirm={leave} onCancel={() => setAsking(false)} returnFocusTo={button}>
            <p>
              {waiting} {waiting === 1 ? 'change has' : 'changes have'} not reached the server yet. They stay on this device and are sent when you sign in here
              again.
            </p>
          </ConfirmDialog>,
          document.body,
        )}
    </>
  );
}
