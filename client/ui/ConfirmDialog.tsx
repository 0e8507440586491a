import {useId, useState, type ReactNode, type RefObject} from 'react';
import {FormError} from './FormError.tsx';
import {Modal} from './Modal.tsx';

/**
 * "Are you sure?" for a consequential one-click action, as a real modal
 * (client/ui/Modal.tsx: focus kept inside, Esc cancels, focus goes back to
 * where it came from). Cancel has the focus, so Enter never confirms by
 * accident; `onConfirm` answers whether it went through, and a refusal keeps
 * the dialog open with its error.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  returnFocusTo,
  error,
}: {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<boolean>;
  onCancel: () => void;
  returnFocusTo?: RefObject<HTMLElement | null>;
  error?: string | null;
}) {
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  return (
    <Modal labelledBy={titleId} onClose={onCancel} returnFocusTo={returnFocusTo}>
      <form
        className="stack"
        onSubmit={async e => {
          e.preventDefault();
          e.stopPropagation();
          if (busy) return;
          setBusy(true);
          const done = await onConfirm();
          setBusy(false);
          if (done) onCancel();
        }}
      >
        <h3 id={titleId}>{title}</h3>
        {children}
        <FormError message={error ?? null} />
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {confirmLabel}
          </button>
          <button type="button" className="btn" onClick={onCancel} data-autofocus="">
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
