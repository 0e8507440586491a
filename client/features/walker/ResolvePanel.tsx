import {useState, type FormEvent} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {NotePreview} from './NotePreview.tsx';
import {useRun} from './use-run.ts';
import {FormError} from '../../ui/FormError.tsx';

/** Did this fix it? + resolution notes → walk and ticket resolved. */
export function ResolvePanel({
  walkId,
  generated,
  stateVersion,
}: {
  walkId: string;
  generated: {draft: string; writer: 'ai' | 'local'; state_version: number} | undefined;
  stateVersion: number;
}) {
  const {run, error} = useRun();
  const [helpful, setHelpful] = useState<'yes' | 'no'>('yes');
  const [notes, setNotes] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(mutators.walk.resolve({walkId, helpful: helpful === 'yes', resolutionNotes: notes}));
  };
  return (
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
      <NotePreview walkId={walkId} generated={generated} stateVersion={stateVersion} onUse={setNotes} />
      <label className="field">
        <span>Resolution notes</span>
        <textarea rows={3} value={notes} onChange={e => setNotes(e.target.value)} maxLength={20000} />
      </label>
      <FormError message={error} />
      <div>
        <button className="btn btn-primary" type="submit">
          Resolve walk
        </button>
      </div>
    </form>
  );
}
