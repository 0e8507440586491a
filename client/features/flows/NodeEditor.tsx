import type {FlowNode} from '../../../schema/index.ts';

/** One node of the tree: kind, text and its answers (each leading to a node). */
export function NodeEditor({
  node,
  nodeIds,
  isStart,
  problems,
  onChange,
  onRemove,
}: {
  node: FlowNode;
  nodeIds: string[];
  isStart: boolean;
  problems: string[];
  onChange: (node: FlowNode) => void;
  onRemove: () => void;
}) {
  const setOption = (i: number, patch: Partial<FlowNode['options'][number]>) =>
    onChange({...node, options: node.options.map((o, j) => (j === i ? {...o, ...patch} : o))});
  return (
    <fieldset className={problems.length ? 'node-editor has-problem' : 'node-editor'} id={`node-${node.id}`} data-node={node.id}>
      <legend>
        Node <code>{node.id}</code>
        {isStart ? ' (start)' : ''}
      </legend>
      <div className="row">
        <label className="field">
          <span>Kind</span>
          <select
            value={node.kind}
            onChange={e => {
              const kind = e.target.value as FlowNode['kind'];
              onChange({...node, kind, options: kind === 'resolution' ? [] : node.options});
            }}
          >
            <option value="question">Question</option>
            <option value="instruction">Instruction</option>
            <option value="resolution">Resolution</option>
          </select>
        </label>
        <label className="field grow">
          <span>Text of {node.id}</span>
          <textarea rows={2} value={node.text} onChange={e => onChange({...node, text: e.target.value})} />
        </label>
      </div>
      {node.kind !== 'resolution' && (
        <div className="stack">
          {node.options.map((o, i) => (
            <div className="row" key={o.id}>
              <label className="field grow">
                <span>
                  Answer {i + 1} of {node.id}
                </span>
                <input value={o.label} onChange={e => setOption(i, {label: e.target.value})} />
              </label>
              <label className="field">
                <span>Leads to</span>
                <select value={o.next} onChange={e => setOption(i, {next: e.target.value})} aria-label={`Answer ${i + 1} of ${node.id} leads to`}>
                  {!nodeIds.includes(o.next) && <option value={o.next}>(missing: {o.next || 'none'})</option>}
                  {nodeIds.map(id => (
                    <option key={id} value={id}>
                      {id}
                    </option>
                  ))}
                </select>
              </label>
              <div className="field">
                <span>&nbsp;</span>
                <button type="button" className="btn btn-small btn-quiet" onClick={() => onChange({...node, options: node.options.filter((_, j) => j !== i)})}>
                  Remove answer
                </button>
              </div>
            </div>
          ))}
          <div>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => onChange({...node, options: [...node.options, {id: `opt-${crypto.randomUUID().slice(0, 8)}`, label: '', next: ''}]})}
            >
              Add answer to {node.id}
            </button>
          </div>
        </div>
      )}
      {problems.map(p => (
        <p key={p} className="error">
          {p}
        </p>
      ))}
      {!isStart && (
        <button type="button" className="btn btn-small btn-quiet" onClick={onRemove}>
          Remove node {node.id}
        </button>
      )}
    </fieldset>
  );
}
