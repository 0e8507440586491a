import {useEffect, useRef} from 'react';
import {shortcutBlocked} from '../../shell/shortcut-guard.ts';
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
  const heading = useRef<HTMLHeadingElement>(null);
  const shownNode = useRef(node?.id);
  // Set by an answer or Back given here: the step that follows takes the focus.
  const focusNext = useRef(false);
  const answer = async (option: {id: string; label: string}) => {
    if (!node) return;
    focusNext.current = true;
    const done = await run(mutators.walk.recordStep({walkId, nodeId: node.id, optionId: option.id, note: note || undefined}), {
      waitForServer: false,
      label: `Step “${option.label}”`,
    });
    if (done) setNote('');
    else focusNext.current = false;
  };

  // After an answer (or Back) the next step's question takes the focus, so the keyboard carries on from there.
  useEffect(() => {
    if (!node || shownNode.current === node.id) return;
    shownNode.current = node.id;
    if (!focusNext.current) return;
    focusNext.current = false;
    heading.current?.focus();
  }, [node]);

  // 1–9 answer the current step with its first … ninth option (never while typing in a field).
  const answerRef = useRef(answer);
  answerRef.current = answer;
  useEffect(() => {
    if (!node || node.kind === 'resolution') return;
    const onKey = (e: KeyboardEvent) => {
      if (!/^[1-9]$/.test(e.key) || e.shiftKey || shortcutBlocked(e)) return;
      const option = node.options[Number(e.key) - 1];
      if (!option) return;
      e.preventDefault();
      void answerRef.current(option);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [node]);

  if (!node) return <p className="empty">Loading the flow…</p>;
  const kindLabel = {question: 'Ask the customer', instruction: 'Have them do this', resolution: 'Resolution'}[node.kind];

  return (
    <section className={`card stack node node-${node.kind}`} aria-labelledby="node-text" data-testid="current-node" data-node-id={node.id}>
      <span className="node-kind">{kindLabel}</span>
      <h2 id="node-text" className="node-text" ref={heading} tabIndex={-1}>
        {node.text}
      </h2>
      {node.kind === 'resolution' ? (
        <p className="muted">This branch ends here: resolve the walk below, or escalate if it did not help.</p>
      ) : (
        <>
          <div className="options" role="group" aria-label="Answers">
            {node.options.map((o, i) => (
              <button type="button" key={o.id} className="btn option" onClick={() => void answer(o)} aria-keyshortcuts={i < 9 ? String(i + 1) : undefined}>
                {i < 9 && (
                  <span className="key" aria-hidden="true">
                    {i + 1}
                  </span>
                )}
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
          <button
            type="button"
            className="btn btn-quiet"
            onClick={() => {
              focusNext.current = true;
              void run(mutators.walk.stepBack({walkId}), {waitForServer: false});
            }}
          >
            ← Back
          </button>
        </div>
      )}
      <FormError message={error} />
    </section>
  );
}
