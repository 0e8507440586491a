import {mutators} from '../../../mutators/index.ts';
import type {FlowDefinition} from '../../../schema/index.ts';
import {useChange} from '../../offline/use-change.ts';
import {FormError} from '../../ui/FormError.tsx';
import {useDraft} from './unsaved-drafts.ts';

/** The current node of a flow walk: its text, its answers as buttons, a note, and Back. */
export function FlowStep({
  walkId,
  definition,
  currentNodeId,
  canGoBack,
}: {
  walkId: string;
  definition: FlowDefinition;
  currentNodeId: string | null | undefined;
  canGoBack: boolean;
}) {
  const {run, error} = useChange();
  // Kept outside this component: a take-over unmounts it, the note being typed stays in view.
  const [note, setNote] = useDraft(walkId, 'stepNote');
  const node = definition.nodes.find(n => n.id === currentNodeId);
  if (!node) return <p className="empty">Loading the flow…</p>;
  const kindLabel = {question: 'Ask the customer', instruction: 'Have them do this', resolution: 'Resolution'}[node.kind];

  return (
    <section className={`card stack node node-${node.kind}`} aria-labelledby="node-text" data-testid="current-node" data-node-id={node.id}>
      <span className="node-kind">{kindLabel}</span>
      <h2 id="node-text" className="node-text">
        {node.text}
      </h2>
      {node.kind === 'resolution' ? (
        <p className="muted">This branch ends here: resolve the walk below, or escalate if it did not help.</p>
      ) : (
        <>
          <div className="options" role="group" aria-label="Answers">
            {node.options.map(o => (
              <button
                type="button"
                key={o.id}
                className="btn option"
                onClick={async () => {
                  if (
                    await run(mutators.walk.recordStep({walkId, nodeId: node.id, optionId: o.id, note: note || undefined}), {
                      waitForServer: false,
                      label: `Step “${o.label}”`,
                    })
                  )
                    setNote('');
                }}
              >
                {o.label}
              </button>
            ))}
          </div>
          <label className="field">
            <span>Note for this step (optional)</span>
            <input value={note} onChange={e => setNote(e.target.value)} maxLength={4000} />
          </label>
        </>
      )}
      {canGoBack && (
        <div>
          <button type="button" className="btn btn-quiet" onClick={() => void run(mutators.walk.stepBack({walkId}), {waitForServer: false})}>
            ← Back
          </button>
        </div>
      )}
      <FormError message={error} />
    </section>
  );
}
