import {useQuery} from '@rocicorp/zero/react';
import {useState} from 'react';
import {pageQueries} from '../../zero/page-queries.ts';
import type {Member} from '../../../schema/index.ts';

/** Owners browse the audit log, newest first, filtered by actor and action. */
export function AuditLog({members}: {members: readonly Member[]}) {
  const [actorId, setActorId] = useState('');
  const [action, setAction] = useState('');
  const [rows] = useQuery(pageQueries.team({actorId, action}).auditRows);
  const [all] = useQuery(pageQueries.team().auditActions);
  const actions = [...new Set(all.map(r => r.action))].sort();
  return (
    <section className="card stack" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <div className="row">
        <label className="field">
          <span>Actor</span>
          <select value={actorId} onChange={e => setActorId(e.target.value)} name="auditActor">
            <option value="">Everyone</option>
            {members.map(m => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Action</span>
          <select value={action} onChange={e => setAction(e.target.value)} name="auditAction">
            <option value="">All actions</option>
            {actions.map(a => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className="table" data-testid="audit-log">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Subject</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(r => (
            <tr key={r.id}>
              <td>{new Date(r.at).toLocaleString()}</td>
              <td>
                {r.actor?.name ?? 'someone'}
                {r.acting_as === 'l1_coverage' && <span className="badge badge-warn"> coverage</span>}
              </td>
              <td>
                <code>{r.action}</code>
              </td>
              <td className="row-meta">
                {r.subject_type}
                {r.details ? ` · ${Object.entries(r.details as Record<string, unknown>).map(([k, v]) => `${k}: ${String(v)}`).join(', ')}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="empty">Nothing recorded yet.</p>}
    </section>
  );
}
