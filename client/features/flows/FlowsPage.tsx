import {useQuery} from '@rocicorp/zero/react';
import {useState, type FormEvent} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {pageQueries} from '../../zero/page-queries.ts';
import {Link, navigate} from '../../app/router.tsx';
import {ago} from '../../ui/time.ts';
import {DraftFlowForm} from './DraftFlowForm.tsx';
import {FormError} from '../../ui/FormError.tsx';
import {useChange} from '../../offline/use-change.ts';
import {FieldButton} from '../../ui/FieldButton.tsx';

/** Engineers and owners: the account's troubleshooting flows, drafts included. */
export function FlowsPage() {
  const [flows] = useQuery(pageQueries.flows().flows);
  const [title, setTitle] = useState('');
  const {run, error} = useChange();
  const now = Date.now();

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const flowId = crypto.randomUUID();
    // The editor opens on the local copy; the server's answer is not awaited.
    if (!(await run(mutators.flow.create({flowId, title}), {waitForServer: false}))) return;
    setTitle('');
    navigate(`/flows/${flowId}`);
  };

  return (
    <div className="page">
      <h1>Flows</h1>
      <form className="card row" onSubmit={create}>
        <label className="field grow">
          <span>New flow title</span>
          <input name="flowTitle" value={title} onChange={e => setTitle(e.target.value)} required maxLength={200} />
        </label>
        <FieldButton className="btn btn-primary" type="submit">
          New flow
        </FieldButton>
      </form>
      <FormError message={error} />
      <DraftFlowForm />
      <section className="card">
        <ul className="list" data-testid="flows">
          {flows.map(f => (
            <li key={f.id} className="list-row">
              <div className="grow">
                <div className="row-title">
                  <Link href={`/flows/${f.id}`}>{f.title}</Link>
                </div>
                <div className="row-meta">
                  {f.definition.nodes.length} nodes · updated {ago(f.updated_at, now)}
                </div>
              </div>
              <span className={f.status === 'published' ? 'badge badge-ok' : 'badge badge-neutral'}>{f.status}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
