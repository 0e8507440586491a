import {useQuery} from '@rocicorp/zero/react';
import {useState} from 'react';
import {pageQueries} from '../../zero/page-queries.ts';
import {AUDIT_PAGE, AUDIT_SUBJECT_TYPES} from '../../../queries/admin.ts';
import type {Member} from '../../../schema/index.ts';
import {Link} from '../../app/router.tsx';
import {actionWords, auditSentence, subjectOf, type SentencePart} from './audit-sentences.ts';

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
 * who, what, what about (a kind, or one subject) and dates; "Show more"
 * pages past the newest 200.
 */
export function AuditLog({members}: {members: readonly Member[]}) {
  const [actorId, setActorId] = useState('');
  const [action, setAction] = useState('');
  const [subjectType, setSubjectType] = useState<SubjectKind | ''>('');
  const [subject, setSubject] = useState<{id: string; label: string} | null>(null);
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const [limit, setLimit] = useState(AUDIT_PAGE);
  const page = pageQueries.team({
    actorId: actorId || undefined,
    action: action || undefined,
    subjectType: subjectType || undefined,
    subjectId: subject?.id,
    from: fromDay ? dayStart(fromDay) : undefined,
    to: toDay ? dayStart(toDay) + DAY_MS : undefined,
    limit,
  });
  const [rows] = useQuery(page.auditRows);
  const [recent] = useQuery(page.auditActions);
  const actions = [...new Set(recent.map(r => r.action))].sort();
  const nameOf = (id: string) => members.find(m => m.id === id)?.name;
  const refilter =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setLimit(AUDIT_PAGE);
    };

  return (
    <section className="card stack" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <div className="row wrap" role="group" aria-label="Filter the audit log">
        <label className="field">
          <span>Who</span>
          <select value={actorId} onChange={e => refilter(setActorId)(e.target.value)} name="auditActor">
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
          <select value={action} onChange={e => refilter(setAction)(e.target.value)} name="auditAction">
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
              refilter(setSubjectType)(e.target.value as SubjectKind | '');
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
          <input type="date" value={fromDay} onChange={e => refilter(setFromDay)(e.target.value)} name="auditFrom" />
        </label>
        <label className="field">
          <span>To</span>
          <input type="date" value={toDay} onChange={e => refilter(setToDay)(e.target.value)} name="auditTo" />
        </label>
      </div>
      {subject && (
        <p className="row" data-testid="audit-subject-filter">
          <span>
            Only about <strong>{subject.label}</strong>
          </span>
          <button type="button" className="btn btn-small btn-quiet" onClick={() => refilter(setSubject)(null)}>
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
                <td className="row-meta">{new Date(r.at).toLocaleString()}</td>
                <td data-testid="audit-sentence">
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
                      aria-label={`Only rows about ${about.label}`}
                      onClick={() => {
                        refilter(setSubject)({id: r.subject_id, label: about.label});
                        setSubjectType('');
                      }}
                    >
                      Only this
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 && <p className="empty">Nothing recorded{actorId || action || subjectType || subject || fromDay || toDay ? ' that matches' : ' yet'}.</p>}
      {rows.length >= limit && (
        <div>
          <button type="button" className="btn btn-small" onClick={() => setLimit(l => l + AUDIT_PAGE)}>
            Show more
          </button>
        </div>
      )}
    </section>
  );
}
