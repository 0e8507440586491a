import {useRef} from 'react';
import {mutators} from '../../../mutators/index.ts';
import type {Member} from '../../../schema/index.ts';
import {FormError} from '../../ui/FormError.tsx';
import {useMutation} from './use-mutation.ts';

/**
 * "Make owner…": the only way to make someone owner (SPEC §3), confirmed in
 * a modal dialog (focus kept inside, Esc cancels, focus goes back to the
 * button). The caller becomes an engineer; a refusal keeps the dialog open.
 */
export function TransferOwnership({member}: {member: Member}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const {run, error, clearError} = useMutation();
  const confirm = async () => {
    if (await run(mutators.member.transferOwnership({memberId: member.id}))) dialog.current?.close();
  };
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => {
          clearError();
          dialog.current?.showModal();
        }}
      >
        Make owner…
      </button>
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby={`transfer-${member.id}`}>
        <form
          method="dialog"
          className="stack"
          onSubmit={e => {
            e.preventDefault();
            void confirm();
          }}
        >
          <h3 id={`transfer-${member.id}`}>Transfer ownership to {member.name}?</h3>
          <p>
            {member.name} becomes the owner of this account. You become an engineer and can no longer manage members, seats or
            invites. Only the new owner can give ownership back.
          </p>
          <FormError message={error} />
          <div className="row">
            <button type="submit" className="btn btn-primary">
              Transfer ownership
            </button>
            <button type="button" className="btn" onClick={() => dialog.current?.close()} autoFocus>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
