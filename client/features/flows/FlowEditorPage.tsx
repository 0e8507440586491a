import {useQuery} from '@rocicorp/zero/react';
import {useEffect, useState} from 'react';
import {flowProblems} from '../../../schema/flow-validation.ts';
import {mutators} from '../../../mutators/index.ts';
import {pageQueries} from '../../zero/page-queries.ts';
import type {FlowDefinition} from '../../../schema/index.ts';
import {useChange} from '../../offline/use-change.ts';
import {FieldButton} from '../../ui/FieldButton.tsx';
import {NodeEditor} from './NodeEditor.tsx';
import './flows.css';
import {FormError} from '../../ui/FormError.tsx';

/** JSON with sorted keys: Postgres jsonb does not keep key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/**
 * Authoring a tree: edits stay local until Save; the same walkability check
 * the server runs on publish shows live, naming each problem's node.
 */
export function FlowEditorPage({flowId}: {flowId: string}) {
  const [flow, details] = useQuery(pageQueries.flowEditor(flowId).flow);
  const [draft, setDraft] = useState<FlowDefinition | null>(null);
  const [title, setTitle] = useState('');
  const [newNodeId, setNewNodeId] = useState('');
  const {run, error} = useChange();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (flow && !draft) {
      setDraft(structuredClone(flow.definition) as FlowDefinition);
      setTitle(flow.title);
    }
  }, [flow, draft]);

  if (!flow || !draft) {
    return <p className="empty">{details.type === 'complete' ? 'This flow does not exist or is not yours to edit.' : 'Loading flow…'}</p>;
  }
  const problems = flowProblems(draft);
  const dirty = canonical(draft) !== canonical(flow.definition) || title !== flow.title;
  const nodeIds = draft.nodes.map(n => n.id);
  const update = (d: FlowDefinition) => {
    setDraft(d);
    setSaved(false);
  };

  const save = async () => {
    if (await run(mutators.flow.update({flowId, title, definition: draft}))) setSaved(true);
  };

  return (
    <div className="page flow-editor">
      <div className="page-head">
        <h1>{flow.title}</h1>
        <span className={flow.status === 'published' ? 'badge badge-ok' : 'badge badge-neutral'} data-testid="flow-status">
          {flow.status}
        </span>
      </div>
      <label className="field">
        <span>Title</span>
        <input value={title} onChange={e => setTitle(e.target.value)} maxLength={200} />
      </label>
      <label className="field">
        <span>Start node</span>
        <select value={draft.start} onChange={e => update({...draft, start: e.target.value})}>
          {nodeIds.map(id => (
            <option key={id}>{id}</option>
          ))}
        </select>
      </label>
      <section className="card stack" aria-labelledby="problems-title">
        <h2 id="problems-title">{problems.length ? `${problems.length} problem(s) before publishing` : 'Ready to publish'}</h2>
        <ul className="bullets" data-testid="flow-problems">
          {problems.map(p => (
            <li key={p.message}>
              {p.nodeId ? (
                <a
                  href={`#node-${p.nodeId}`}
                  onClick={e => {
                    e.preventDefault();
                    document.getElementById(`node-${p.nodeId}`)?.querySelector('textarea')?.focus();
                  }}
                >
                  {p.message}
                </a>
              ) : (
                p.message
              )}
            </li>
          ))}
        </ul>
      </section>
      {draft.nodes.map((node, i) => (
        <NodeEditor
          key={node.id}
          node={node}
          nodeIds={nodeIds}
          isStart={node.id === draft.start}
          problems={problems.filter(p => p.nodeId === node.id).map(p => p.message)}
          onChange={n => update({...draft, nodes: draft.nodes.map((x, j) => (j === i ? n : x))})}
          onRemove={() => update({...draft, nodes: draft.nodes.filter((_, j) => j !== i)})}
        />
      ))}
      <form
        className="row"
        onSubmit={e => {
          e.preventDefault();
          const id = newNodeId
            .trim()
            .toLowerCase()
            .replace(/[^a-z0-9-]+/g, '-');
          if (!id || nodeIds.includes(id)) return;
          update({...draft, nodes: [...draft.nodes, {id, kind: 'question', text: '', options: []}]});
          setNewNodeId('');
        }}
      >
        <label className="field">
          <span>New node id</span>
          <input value={newNodeId} onChange={e => setNewNodeId(e.target.value)} placeholder="e.g. check-cable" />
        </label>
        <FieldButton className="btn" type="submit">
          Add node
        </FieldButton>
      </form>
      <FormError message={error} />
      <div className="row sticky-actions">
        <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={!dirty}>
          Save
        </button>
        {saved && !dirty && (
          <span className="muted" role="status">
            Saved
          </span>
        )}
        {flow.status === 'draft' ? (
          <button
            type="button"
            className="btn"
            onClick={() => void run(mutators.flow.publish({flowId}))}
            disabled={problems.length > 0 || dirty}
            title={problems.length ? 'Fix the problems listed above first' : dirty ? 'Save first' : ''}
          >
            Publish
          </button>
        ) : (
          <button type="button" className="btn" onClick={() => void run(mutators.flow.unpublish({flowId}))}>
            Unpublish
          </button>
        )}
      </div>
    </div>
  );
}
