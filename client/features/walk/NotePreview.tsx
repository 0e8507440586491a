import {useEffect, useRef, useState} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {useChange} from '../../offline/use-change.ts';

type Generated = {draft: string; writer: 'ai' | 'local'; state_version: number};

/**
 * "Draft resolution note": the server writes it (AI or local writer, stored
 * per walk state) and every screen sees the draft; edits persist; "Use this
 * note" puts it into the resolution notes that get posted.
 */
export function NotePreview({
  walkId,
  generated,
  stateVersion,
  onUse,
}: {
  walkId: string;
  generated: Generated | undefined;
  stateVersion: number;
  onUse: (text: string) => void;
}) {
  const {run, error} = useChange();
  const [busy, setBusy] = useState(false);
  const [requestError, setRequestError] = useState<string | null>(null);
  const [text, setText] = useState(generated?.draft ?? '');
  const editing = useRef(false);

  useEffect(() => {
    if (!editing.current) setText(generated?.draft ?? '');
  }, [generated?.draft]);

  useEffect(() => {
    if (!editing.current) return;
    const t = setTimeout(async () => {
      if (await run(mutators.resolutionNote.saveDraft({walkId, draft: text}))) editing.current = false;
    }, 500);
    return () => clearTimeout(t);
  }, [text, walkId, run]);

  const draft = async () => {
    setBusy(true);
    setRequestError(null);
    const res = await fetch(`/api/walks/${walkId}/resolution-note`, {method: 'POST', credentials: 'include'});
    setBusy(false);
    if (!res.ok) setRequestError((await res.json().catch(() => ({}))).message ?? `Drafting failed (${res.status}).`);
  };

  return (
    <div className="stack note-preview">
      <div className="row">
        <button type="button" className="btn btn-small" onClick={() => void draft()} disabled={busy}>
          {busy
            ? 'Writing…'
            : generated
              ? generated.state_version === stateVersion
                ? 'Redraft (no changes since)'
                : 'Redraft from the latest'
              : 'Draft resolution note'}
        </button>
        {generated && (
          <span className="row-meta" data-testid="note-writer">
            Written by {generated.writer === 'ai' ? 'AI assist' : 'Tandem’s local writer (no AI)'}, edit before posting
          </span>
        )}
      </div>
      {generated && (
        <>
          <label className="field">
            <span>Resolution note preview</span>
            <textarea
              rows={14}
              value={text}
              onChange={e => {
                editing.current = true;
                setText(e.target.value);
              }}
            />
          </label>
          <div>
            <button type="button" className="btn btn-small" onClick={() => onUse(text)}>
              Use this note
            </button>
          </div>
        </>
      )}
      {(requestError || error) && (
        <p className="error" role="alert">
          {requestError ?? error}
        </p>
      )}
    </div>
  );
}
