import {useOutboxEntries} from '../../offline/outbox-context.ts';
import {useNotesAutosave} from './useNotesAutosave.ts';

const LABEL = {saved: 'Saved', saving: 'Saving…', 'too-long': 'Too long to save', refused: 'Not saved'};

/** Free-form notes, autosaved while typing; capped at 256 KB with a clear message. */
export function NotesEditor({walkId, notes}: {walkId: string; notes: string}) {
  const {text, setText, state, error} = useNotesAutosave(walkId, notes);
  const waiting = useOutboxEntries().some(e => e.state === 'pending' && e.coalesceKey === `notes:${walkId}`);
  return (
    <section className="card stack" aria-labelledby="notes-title">
      <div className="card-head">
        <h2 id="notes-title">Notes</h2>
        <span className="row-meta" role="status" data-testid="notes-state">
          {state === 'saved' && waiting ? 'Saved on this device · waiting to sync' : LABEL[state]}
        </span>
      </div>
      <label className="field">
        <span className="sr-only">Notes</span>
        <textarea rows={8} value={text} onChange={e => setText(e.target.value)} placeholder="What the customer says, what you tried…" />
      </label>
      {state === 'too-long' && (
        <p className="error" role="alert">
          Notes are limited to 256 KB. Trim them to keep saving; your text stays here.
        </p>
      )}
      {error && state === 'refused' && (
        <p className="error" role="alert">
          {error} Your text is still here to copy.
        </p>
      )}
    </section>
  );
}
