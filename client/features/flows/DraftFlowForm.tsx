import {useQuery} from '@rocicorp/zero/react';
import {useState, type FormEvent} from 'react';
import {pageQueries} from '../../zero/page-queries.ts';
import {ago} from '../../ui/time.ts';

/** Drafts a walkable flow proposal from a problem statement (AI when configured, else a sound template). */
export function DraftFlowForm() {
  const [proposals] = useQuery(pageQueries.flows().proposals);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ok: boolean; text: string} | null>(null);
  const now = Date.now();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    const res = await fetch('/api/flows/draft', {
      method: 'POST',
      credentials: 'include',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({proposalId: crypto.randomUUID(), problemStatement: problem}),
    });
    setBusy(false);
    const body = await res.json().catch(() => ({}));
    if (!res.ok) return setMessage({ok: false, text: body.message ?? `Drafting failed (${res.status}).`});
    setProblem('');
    setMessage({ok: true, text: `Drafted “${body.title}” (${body.writer === 'ai' ? 'by AI assist' : 'from Tandem’s template, no AI'}). L1 techs can walk it now.`});
  };

  return (
    <section className="card stack" aria-labelledby="draft-title">
      <h2 id="draft-title">Draft a flow from a problem</h2>
      <form className="row" onSubmit={submit}>
        <label className="field grow">
          <span>Problem statement</span>
          <input name="draftProblem" value={problem} onChange={e => setProblem(e.target.value)} required maxLength={4000} />
        </label>
        <div className="field">
          <span>&nbsp;</span>
          <button className="btn" type="submit" disabled={busy}>
            {busy ? 'Drafting…' : 'Draft proposal'}
          </button>
        </div>
      </form>
      {message && (
        <p className={message.ok ? 'notice' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {proposals.length > 0 && (
        <ul className="list" data-testid="proposals">
          {proposals.map(p => (
            <li key={p.id} className="list-row">
              <div className="grow">
                <div className="row-title">{p.title}</div>
                <div className="row-meta">
                  {p.source === 'ai' ? 'AI draft' : 'template draft'} · {p.definition.nodes.length} nodes · {ago(p.created_at, now)}
                </div>
              </div>
              {p.validated_by_outcome && <span className="badge badge-ok">validated by a resolved call</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
