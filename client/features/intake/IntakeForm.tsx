import {useQuery} from '@rocicorp/zero/react';
import {useState, type FormEvent} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {pageQueries} from '../../zero/page-queries.ts';
import {ESCALATION_REASONS, type EscalationReason} from '../../../schema/index.ts';
import {navigate} from '../../app/router.tsx';
import {FormError} from '../../ui/FormError.tsx';
import {useChange} from '../../offline/use-change.ts';
import {CustomerSuggestions} from './CustomerSuggestions.tsx';
import {TITLE_MAX, titleFromProblem} from '../../../rules/ticket-title.ts';

/** "What's the user calling about?": one mutation creates the ticket and its walk. */
export function IntakeForm() {
  const [flows] = useQuery(pageQueries.home().flows);
  const [proposals] = useQuery(pageQueries.home().proposals);
  const [problem, setProblem] = useState('');
  const [title, setTitle] = useState('');
  const [customerName, setCustomerName] = useState('');
  const [customerContact, setCustomerContact] = useState('');
  const [flowId, setFlowId] = useState('');
  const {run, error, setError} = useChange();
  const [flowFilter, setFlowFilter] = useState('');
  const [escalating, setEscalating] = useState(false);
  const [reason, setReason] = useState<EscalationReason>(ESCALATION_REASONS[0]);
  const [details, setDetails] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const matches = (title: string) => title.toLowerCase().includes(flowFilter.trim().toLowerCase());
  const shownFlows = flows.filter(f => `flow:${f.id}` === flowId || matches(f.title));
  const shownProposals = proposals.filter(p => `proposal:${p.id}` === flowId || matches(p.title));

  const reset = () => {
    setProblem('');
    setTitle('');
    setCustomerName('');
    setCustomerContact('');
    setFlowId('');
    setFlowFilter('');
    setDetails('');
    setEscalating(false);
  };

  const escalateNow = async () => {
    if (!problem.trim()) {
      setError('Describe the problem first.');
      return;
    }
    setError(null);
    setNotice(null);
    const escalated = await run(
      mutators.ticket.escalateWithoutWalk({
        ticketId: crypto.randomUUID(),
        walkId: crypto.randomUUID(),
        handoffId: crypto.randomUUID(),
        problemStatement: problem,
        title: title.trim() || undefined,
        customerName: customerName || undefined,
        customerContact: customerContact || undefined,
        reasonCategory: reason,
        details: details || undefined,
      }),
    );
    if (!escalated) return;
    reset();
    setNotice('Escalated to the handoff queue. The engineers have it.');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!problem.trim()) {
      setError('Describe the problem first.');
      return;
    }
    setError(null);
    const ticketId = crypto.randomUUID();
    const walkId = crypto.randomUUID();
    // The walk opens on the local copy at once; the server's answer is not awaited.
    const started = await run(
      mutators.ticket.intake({
        ticketId,
        walkId,
        problemStatement: problem,
        title: title.trim() || undefined,
        customerName: customerName || undefined,
        customerContact: customerContact || undefined,
        flowId: flowId.startsWith('flow:') ? flowId.slice(5) : undefined,
        proposalId: flowId.startsWith('proposal:') ? flowId.slice(9) : undefined,
      }),
      {waitForServer: false},
    );
    if (!started) return;
    reset();
    navigate(`/walks/${walkId}`);
  };

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="intake-title">
      <h2 id="intake-title">What's the user calling about?</h2>
      <label className="field">
        <span className="sr-only">Problem</span>
        <textarea
          name="problemStatement"
          rows={3}
          placeholder="e.g. Outlook keeps asking for a password since this morning"
          value={problem}
          onChange={e => setProblem(e.target.value)}
          maxLength={4000}
          required
        />
      </label>
      <label className="field">
        <span>Short title (optional)</span>
        <input
          name="title"
          value={title}
          onChange={e => setTitle(e.target.value)}
          maxLength={TITLE_MAX}
          placeholder={problem.trim() ? titleFromProblem(problem) : 'Made from the first line if left empty'}
        />
      </label>
      <div className="row">
        <label className="field grow">
          <span>Customer name</span>
          <input name="customerName" value={customerName} onChange={e => setCustomerName(e.target.value)} maxLength={200} />
        </label>
        <label className="field grow">
          <span>Contact</span>
          <input name="customerContact" placeholder="phone or email" value={customerContact} onChange={e => setCustomerContact(e.target.value)} maxLength={200} />
        </label>
      </div>
      <CustomerSuggestions
        name={customerName}
        onPick={(name, contact) => {
          setCustomerName(name);
          if (contact && !customerContact) setCustomerContact(contact);
        }}
      />
      <label className="field">
        <span>Find a flow</span>
        <input type="search" value={flowFilter} onChange={e => setFlowFilter(e.target.value)} placeholder="printer, VPN, password…" />
      </label>
      <label className="field">
        <span>Troubleshooting flow (optional)</span>
        <select name="flowId" value={flowId} onChange={e => setFlowId(e.target.value)}>
          <option value="">No flow: take free-form notes</option>
          {shownFlows.map(f => (
            <option key={f.id} value={`flow:${f.id}`}>
              {f.title}
            </option>
          ))}
          {shownProposals.length > 0 && (
            <optgroup label="Drafted flows (proposals)">
              {shownProposals.map(p => (
                <option key={p.id} value={`proposal:${p.id}`}>
                  {p.title}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <FormError message={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {escalating && (
        <div className="stack escalate-now">
          <label className="field">
            <span>Escalation reason</span>
            <select name="intakeReason" value={reason} onChange={e => setReason(e.target.value as EscalationReason)}>
              {ESCALATION_REASONS.map(r => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Escalation details (optional)</span>
            <textarea rows={2} value={details} onChange={e => setDetails(e.target.value)} maxLength={4000} />
          </label>
        </div>
      )}
      <div className="row">
        <button type="submit" className="btn btn-primary">
          Start walk
        </button>
        {escalating ? (
          <button type="button" className="btn" onClick={() => void escalateNow()}>
            Escalate now
          </button>
        ) : (
          <button type="button" className="btn btn-quiet" onClick={() => setEscalating(true)}>
            Escalate without walk…
          </button>
        )}
      </div>
    </form>
  );
}
