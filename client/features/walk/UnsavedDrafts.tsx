import {mutators} from '../../../mutators/index.ts';
import {FormError} from '../../ui/FormError.tsx';
import {setDraft, useDrafts, type DraftField} from './unsaved-drafts.ts';
import {useChange} from '../../offline/use-change.ts';

const LABEL: Partial<Record<DraftField, string>> = {
  stepNote: 'Step note you were typing',
  escalationDetails: 'Escalation details you were typing',
  notes: 'Notes not saved yet',
};

/**
 * After someone else took the wheel: what this person had typed and not
 * saved, in view to copy, or to add to the lane (a fact), or to discard.
 * (Lane text being typed stays in the lane's own field, which stays open.)
 */
export function UnsavedDrafts({walkId, savedNotes, canAddToLane}: {walkId: string; savedNotes: string; canAddToLane: boolean}) {
  const draftOf = useDrafts(walkId);
  const {run, error} = useChange();
  const fields = (Object.keys(LABEL) as DraftField[]).filter(f => {
    const text = draftOf(f).trim();
    return text && !(f === 'notes' && draftOf(f) === savedNotes);
  });
  if (fields.length === 0) return null;

  return (
    <section className="card stack unsaved-drafts" aria-labelledby="unsaved-drafts-title" data-testid="unsaved-drafts">
      <h2 id="unsaved-drafts-title">What you had typed, not saved</h2>
      {fields.map(field => (
        <div key={field} className="stack unsaved-draft" data-draft={field}>
          <label className="field">
            <span>{LABEL[field]}</span>
            <textarea readOnly rows={Math.min(6, draftOf(field).split('\n').length + 1)} value={draftOf(field)} />
          </label>
          <div className="row">
            {canAddToLane && (
              <button
                type="button"
                className="btn btn-small"
                onClick={async () => {
                  const text = draftOf(field).trim().slice(0, 2000);
                  if (await run(mutators.taskLane.add({itemId: crypto.randomUUID(), walkId, kind: 'fact', text}), {waitForServer: false})) {
                    setDraft(walkId, field, '');
                  }
                }}
              >
                Add to the lane
              </button>
            )}
            <button type="button" className="btn btn-small btn-quiet" onClick={() => setDraft(walkId, field, '')}>
              Discard
            </button>
          </div>
        </div>
      ))}
      <FormError message={error} />
    </section>
  );
}
