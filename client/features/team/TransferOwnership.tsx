import {useRef, useState} from 'react';
import {mutators} from '../../../mutators/index.ts';
import type {Member} from '../../../schema/index.ts';
import {ConfirmDialog} from '../../ui/ConfirmDialog.tsx';
import {useTeamChange} from './team-changes.ts';

/**
 * "Make owner…": the only way to make someone owner (docs/tenancy.md), confirmed in
 * a modal dialog (focus kept inside, Esc cancels, focus goes back to the
 * button). The caller becomes an engineer; a refusal keeps the dialog open.
 */
export function TransferOwnership({member}: {member: Member}) {
  const opener = useRef<HTMLButtonElement>(null);
  const [asking, setAsking] = useState(false);
  const {run, error, clearError} = useTeamChange();
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        ref={opener}
        onClick={() => {
          clearError();
          setAsking(true);
        }}
      >
        Make owner…
      </button>
      {asking && (
        <ConfirmDialog
          title={`Transfer ownership to ${member.name}?`}
          confirmLabel="Transfer ownership"
          onConfirm={() => run(mutators.member.transferOwnership({memberId: member.id}))}
          onCancel={() => setAsking(false)}
          returnFocusTo={opener}
          error={error}
        >
          <p>
            {member.name} becomes the owner of this account. You become an engineer and can no longer manage members, seats or invites. Only the new owner can give
            ownership back.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
