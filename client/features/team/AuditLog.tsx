import {useMemo, useState} from 'react';
import {AUDIT_SUBJECT_TYPES, type AuditFilter} from '../../../rules/audit-log.ts';
import type {Member} from '../../../schema/index.ts';
import {Link} from '../../app/router.tsx';
import {actionWords, auditSentence, subjectOf, type SentencePart} from './audit-sentences.ts';
import {useAuditLog} from './useAuditLog.ts';

const SUBJECT_KIND_LABEL: Record<(typeof AUDIT_SUBJECT_TYPES)[number], string> = {
  account: 'The account',
  member: 'Members',
  invite: 'Invites',
  ticket: 'Tickets',
  walk: 'Walks',
  handoff: 'Escalations',
  task_lane_item: 'Task lanes',
  flow: 'Flows',
  flow_proposal: 'Flow proposals',
};
type SubjectKind = (typeof AUDIT_SUBJECT_TYPES)[number];

/** A local calendar day (`yyyy-mm-dd`) as epoch ms at its start. */
const dayStart = (day: string) => new Date(`${day}T00:00:00`).getTime();
const DAY_MS = 24 * 60 * 60 * 1000;

function Part({part}: {part: SentencePart}) {
  if (typeof part === 'string') return <>{part}</>;
  if (!part.href) return <strong>{part.label}</strong>;
  return part.href.startsWith('#') ? <a href={part.href}>{part.label}</a> : <Link href={part.href}>{part.label}</Link>;
}

/**
 * Owners read the audit log as sentences ("Sam Senior took over the walk on
 * NW-1042"), newest first, each naming and linking its subject; filtered by
 * who, what, what about (a kind, or one subject) and dates; "Load more"
 * pages past the newest 200. Read over HTTP (the log is not synced): it
 * reads again on "Refresh", when the window regains focus, and after each
 * of the owner's own changes on the page (`changes` counts them).
 */
export function AuditLog({members, changes}: {members: readonly Member[]; changes: number}) {
  const [actorId, setActorId] = useState('');
  const [action, setAction] = useState('');
  const [subjectType, setSubjectType] = useState<SubjectKind | ''>('');
  const [subject, setSubject] = useState<{id: string; label: string} | null>(null);
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const filter = useMemo<AuditFilter>(
    () => ({
      actorId: actorId || undefined,
      action: action || undefined,
      subjectType: subjectType || undefined,
      subjectId: subject?.id,
      from: fromDay ? dayStart(fromDay) : undefined,
      to: toDay ? dayStart(toDay) + DAY_MS : undefined,
    }),
    [actorId, action, subjectType, subject?.id, fromDay, toDay],
  );
  const log = useAuditLog(filter, changes);
  const rows = log.entries;
  const actions = [...new Set([...log.actions, ...(action ? [action] : [])])].sort();
  const nameOf = (id: string) => members.find(m => m.id === id)?.name;
  const filtered = Boolean(actorId || action || subjectType || subject || fromDay || toDay);

  return (
    <section className="card stack" aria-labelledby="audit-title">
      <div className="card-head">
        <h2 id="audit-title">Audit log</h2>
        {/* Never disabled: a refresh runs on every synced change, and a button greying out under the reader's eyes (or an axe scan) for a moment helps nobody; a second press only reads again. */}
        <button type="button" className="btn btn-small" onClick={log.refresh} aria-busy={log.busy}>
          {log.busy && log.status === 'ready' ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <div className="row wrap" role="group" aria-label="Filter the audit log">
        <label className="field">
          <span>Who</span>
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
          <span>What</span>
          <select value={action} onChange={e => setAction(e.target.value)} name="auditAction">
            <option value="">Everything</option>
            {actions.map(a => (
              <option key={a} value={a}>
                {actionWords(a)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>About</span>
          <select
            value={subjectType}
            onChange={e => {
              setSubjectType(e.target.value as SubjectKind | '');
              setSubject(null);
            }}
            name="auditSubjectType"
          >
            <option value="">Anything</option>
            {AUDIT_SUBJECT_TYPES.map(t => (
              <option key={t} value={t}>
                {SUBJECT_KIND_LABEL[t]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>From</span>
          <input type="date" value={fromDay} onChange={e => setFromDay(e.target.value)} name="auditFrom" />
        </label>
        <label className="field">
          <span>To</span>
          <input type="date" value={toDay} onChange={e => setToDay(e.target.value)} name="auditTo" />
        </label>
      </div>
      {subject && (
        <p className="row" data-testid="audit-subject-filter">
          <span>
            Only about <strong>{subject.label}</strong>
          </span>
          <button type="button" className="btn btn-small btn-quiet" onClick={() => setSubject(null)}>
            Show everything
          </button>
        </p>
      )}
      <table className="table" data-testid="audit-log">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What happened</th>
            <th scope="col">
              <span className="sr-only">Filter</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(r => {
            const about = subjectOf(r);
            return (
              <tr key={r.id} data-audit-action={r.action}>
                <td className="row-meta" data-label="When">
                  {new Date(r.at).toLocaleString()}
                </td>
                <td data-testid="audit-sentence" data-label="What happened">
                  <strong>{r.actor?.name ?? 'Someone'}</strong>
                  {auditSentence(r, nameOf).map((part, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a list of texts that is only ever replaced whole, never reordered; texts may repeat
                    <span key={i}>
                      {typeof part === 'string' && /^[:,.]/.test(part) ? '' : ' '}
                      <Part part={part} />
                    </span>
                  ))}
                  {r.acting_as === 'l1_coverage' && <span className="badge badge-warn"> as L1 coverage</span>}
                </td>
                <td>
                  {r.subject_type !== 'account' && subject?.id !== r.subject_id && (
                    <button
                      type="button"
                      className="btn btn-small btn-quiet"
                      onClick={() => {
                        setSubject({id: r.subject_id, label: about.label});
                        setSubjectType('');
                      }}
                    >
                      Only this<span className="sr-only">: rows about {about.label}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {log.status === 'loading' && (
        <p className="empty" role="status">
          Loading the audit log…
        </p>
      )}
      {log.error && (
        <p className="error" role="alert">
          {log.error}
        </p>
      )}
      {log.status === 'ready' && rows.length === 0 && <p className="empty">Nothing recorded{filtered ? ' that matches' : ' yet'}.</p>}
      {log.status !== 'loading' && log.hasMore && (
        <div>
          <button type="button" className="btn btn-small" onClick={log.loadMore} disabled={log.busy}>
            Load more
          </button>
        </div>
      )}
    </section>
  );
}
