import {useRef, useState, type FormEvent} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {NotePreview} from './NotePreview.tsx';
import {useChange} from '../../offline/use-change.ts';
import {FormError} from '../../ui/FormError.tsx';
import {Modal} from '../../ui/Modal.tsx';
import {ConfirmDialog} from '../../ui/ConfirmDialog.tsx';

/**
 * Did this fix it? + resolution notes → walk and ticket resolved. The note
 * is written in a wide dialog (drafted by the server, edited, line breaks
 * kept), not in a narrow field at the bottom of the walk.
 */
export function ResolvePanel({
  walkId,
  generated,
  stateVersion,
}: {
  walkId: string;
  generated: {draft: string; writer: 'ai' | 'local'; state_version: number} | undefined;
  stateVersion: number;
}) {
  const {run, error} = useChange();
  const [helpful, setHelpful] = useState<'yes' | 'no'>('yes');
  const [notes, setNotes] = useState('');
  const [writing, setWriting] = useState(false);
  const [confirmingEmpty, setConfirmingEmpty] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const resolveButton = useRef<HTMLButtonElement>(null);
  const resolve = () => run(mutators.walk.resolve({walkId, helpful: helpful === 'yes', resolutionNotes: notes}));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // Resolving with no note leaves the ticket without its story: ask first.
    if (!notes.trim()) setConfirmingEmpty(true);
    else await resolve();
  };
  return (
    <>
      <form className="card stack" onSubmit={submit} aria-labelledby="resolve-title">
        <h2 id="resolve-title">Resolve</h2>
        <fieldset className="radio-row">
          <legend>Did this fix it?</legend>
          <label>
            <input type="radio" name="helpful" value="yes" checked={helpful === 'yes'} onChange={() => setHelpful('yes')} /> Yes
          </label>
          <label>
            <input type="radio" name="helpful" value="no" checked={helpful === 'no'} onChange={() => setHelpful('no')} /> No
          </label>
        </fieldset>
        <div className="stack">
          <span className="row-meta">Resolution notes</span>
          {notes ? (
            <div className="resolution-notes note-excerpt" data-testid="resolution-notes-excerpt">
              {notes}
            </div>
          ) : (
            <span className="muted">None yet.</span>
          )}
          <div>
            <button type="button" className="btn btn-small" ref={opener} onClick={() => setWriting(true)}>
              {notes ? 'Edit resolution note' : 'Write resolution note'}
            </button>
          </div>
        </div>
        <FormError message={error} />
        <div>
          <button className="btn btn-primary" type="submit" ref={resolveButton}>
            Resolve walk
          </button>
        </div>
      </form>
      {confirmingEmpty && (
        <ConfirmDialog
          title="Resolve without a resolution note?"
          confirmLabel="Resolve without a note"
          onConfirm={resolve}
          onCancel={() => setConfirmingEmpty(false)}
          returnFocusTo={resolveButton}
          error={error}
        >
          <p>The ticket is closed with no note of what fixed it. The next person who gets this call starts from nothing.</p>
        </ConfirmDialog>
      )}
      {writing && (
        <Modal labelledBy="resolution-note-title" onClose={() => setWriting(false)} returnFocusTo={opener} wide>
          <div className="stack">
            <h3 id="resolution-note-title">Resolution note</h3>
            <NotePreview walkId={walkId} generated={generated} stateVersion={stateVersion} onUse={setNotes} />
            <label className="field">
              <span>Resolution notes</span>
              <textarea rows={12} value={notes} onChange={e => setNotes(e.target.value)} maxLength={20000} data-autofocus="" />
            </label>
            <div className="row">
              <button type="button" className="btn btn-primary" onClick={() => setWriting(false)}>
                Done
              </button>
            </div>
          </div>
        </Modal>
      )}
    </>
  );
}
