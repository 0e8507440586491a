import {useQuery} from '@rocicorp/zero/react';
import {TicketTitle} from '../../ui/TicketTitle.tsx';
import {titleOfTicket} from '../../../rules/ticket-title.ts';
import {TicketRef} from '../../ui/TicketRef.tsx';
import {useEffect, useRef, useState} from 'react';
import {shortcutBlocked} from '../../shell/shortcut-guard.ts';
import {mutators} from '../../../mutators/index.ts';
import {pageQueries} from '../../zero/page-queries.ts';
import {ago} from '../../ui/time.ts';
import {useNow} from '../../ui/useNow.ts';
import {HandoffContextScreen} from './HandoffContextScreen.tsx';
import {MetricsPanel} from './MetricsPanel.tsx';
import {useTitleCount} from './useTitleCount.ts';
import {useChange} from '../../offline/use-change.ts';
import './queue.css';

/**
 * The live handoff queue: unclaimed escalations arrive without reload,
 * each card with its age ticking and an unread dot that clears on open,
 * claim or dismiss (per user, synced). Enter opens a card, Esc closes it.
 */
export function QueuePage() {
  const {run} = useChange();
  const [handoffs, details] = useQuery(pageQueries.queue().handoffs);
  const [order, setOrder] = useState<'oldest' | 'newest'>('oldest');
  const [openId, setOpenId] = useState<string | null>(null);
  const now = useNow(1000);
  const unread = handoffs.filter(h => h.reads.length === 0).length;
  useTitleCount(unread);

  const list = useRef<HTMLUListElement>(null);
  const contextPanel = useRef<HTMLElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') return setOpenId(null);
      // J/K move the selection (the focused card; Enter opens it), from the top when none is selected.
      const step = e.key === 'j' || e.key === 'J' ? 1 : e.key === 'k' || e.key === 'K' ? -1 : 0;
      if (!step || shortcutBlocked(e) || !list.current) return;
      const cards = Array.from(list.current.querySelectorAll<HTMLButtonElement>('button.queue-open'));
      if (cards.length === 0) return;
      e.preventDefault();
      const at = cards.indexOf(document.activeElement as HTMLButtonElement);
      const next = at === -1 ? (step === 1 ? 0 : cards.length - 1) : Math.min(cards.length - 1, Math.max(0, at + step));
      cards[next]!.focus();
      cards[next]!.scrollIntoView({block: 'nearest'});
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The picked card's context opens in view (on a phone it is below the list).
  useEffect(() => {
    const panel = openId ? contextPanel.current : null;
    if (!panel) return;
    const top = panel.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight / 2) panel.scrollIntoView({block: 'start'});
  }, [openId]);

  const shown = order === 'oldest' ? handoffs : [...handoffs].reverse();
  const open = (id: string) => {
    setOpenId(id);
    void run(mutators.handoff.markSeen({handoffId: id}), {waitForServer: false});
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>Handoff queue</h1>
        <div className="segmented" role="group" aria-label="Order">
          <button type="button" className={order === 'oldest' ? 'seg active' : 'seg'} aria-pressed={order === 'oldest'} onClick={() => setOrder('oldest')}>
            Oldest waiting first
          </button>
          <button type="button" className={order === 'newest' ? 'seg active' : 'seg'} aria-pressed={order === 'newest'} onClick={() => setOrder('newest')}>
            Newest first
          </button>
        </div>
      </div>
      <div className={openId ? 'queue-layout with-context' : 'queue-layout'}>
        <section className="card" aria-labelledby="queue-title">
          <h2 id="queue-title" className="sr-only">
            Waiting escalations
          </h2>
          <ul className="queue" aria-live="polite" data-testid="queue" ref={list} aria-keyshortcuts="J K">
            {shown.map(h => {
              const isUnread = h.reads.length === 0;
              return (
                <li key={h.id} className="queue-card" data-handoff-id={h.id}>
                  <button type="button" className="queue-open" onClick={() => open(h.id)} aria-expanded={openId === h.id}>
                    {isUnread && <span className="unread-dot" role="img" aria-label="unread" />}
                    <span className="grow">
                      <TicketTitle ticket={h.ticket} showRef={false} fallback="Escalation" expandable={false} />
                      <span className="row-meta">
                        <TicketRef ticket={h.ticket} link={false} />
                        {h.ticket?.customer_name ?? 'Unknown caller'} · {h.reason_category} · from {h.escalator?.name ?? 'L1'}
                      </span>
                    </span>
                    <span className="age" title={new Date(h.escalated_at).toLocaleString()}>
                      {ago(h.escalated_at, now)}
                    </span>
                  </button>
                  {isUnread && (
                    <button
                      type="button"
                      className="btn btn-quiet btn-small"
                      onClick={() => void run(mutators.handoff.markSeen({handoffId: h.id, dismiss: true}), {waitForServer: false})}
                    >
                      Dismiss<span className="sr-only">: mark “{titleOfTicket(h.ticket, 'escalation')}” as read</span>
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
          {handoffs.length === 0 && <p className="empty">{details.type === 'complete' ? 'Nothing waiting. Nice.' : 'Loading…'}</p>}
        </section>
        {openId && (
          <section className="card queue-context" aria-label="Handoff context" ref={contextPanel}>
            <HandoffContextScreen key={openId} handoffId={openId} onClose={() => setOpenId(null)} />
          </section>
        )}
      </div>
      <MetricsPanel />
    </div>
  );
}
