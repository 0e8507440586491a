import {useQuery, useZero} from '@rocicorp/zero/react';
import {useCallback, useEffect, useId, useRef, useState} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {UNREAD_CAP} from '../../../queries/inbox.ts';
import {navigate} from '../../app/router.tsx';
import {ago} from '../../ui/time.ts';
import {useNow} from '../../ui/useNow.ts';
import {pageQueries} from '../../zero/page-queries.ts';
import {useSession} from '../../zero/session-context.ts';
import {inboxHref, inboxSentence, type InboxItem} from './inbox-sentence.ts';
import './inbox.css';

/**
 * The bell in the header: the person's in-app notifications with an unread
 * count, newest first. Opening an entry marks it read (on all their devices,
 * live) and goes where it points; "Mark all read" clears the count. Esc or a
 * click outside closes the list and focus returns to the bell.
 */
export function InboxBell() {
  const zero = useZero();
  const {context} = useSession();
  const [entries] = useQuery(pageQueries.shell().inbox);
  const [unread] = useQuery(pageQueries.shell().unread);
  const [open, setOpen] = useState(false);
  const bell = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const now = useNow(30_000);
  const count = unread.length;
  const countText = count >= UNREAD_CAP ? `${UNREAD_CAP - 1}+` : String(count);

  const close = useCallback((refocus = true) => {
    setOpen(false);
    if (refocus) bell.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('a, button')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        close();
      }
    };
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !bell.current?.contains(target)) close(false);
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, close]);

  const openEntry = (item: InboxItem) => {
    if (item.read_at == null) void zero.mutate(mutators.inbox.markRead({entryId: item.id}));
    close(false);
    navigate(inboxHref(item));
  };

  return (
    <div className="inbox">
      <button
        ref={bell}
        type="button"
        className="btn btn-quiet inbox-bell"
        aria-label={count > 0 ? `Notifications, ${countText} unread` : 'Notifications, none unread'}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => (open ? close() : setOpen(true))}
        data-testid="inbox-bell"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          width="18"
          height="18"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {count > 0 && (
          <span className="inbox-count" data-testid="inbox-count" aria-hidden="true">
            {countText}
          </span>
        )}
      </button>
      {open && (
        <div ref={panel} id={panelId} className="inbox-panel" role="region" aria-label="Notifications">
          <div className="inbox-head">
            <h2>Notifications</h2>
            {count > 0 && (
              <button type="button" className="link" onClick={() => void zero.mutate(mutators.inbox.markAllRead({}))}>
                Mark all read
              </button>
            )}
          </div>
          {entries.length === 0 ? (
            <p className="muted inbox-empty">Nothing yet. Escalations for your team show up here.</p>
          ) : (
            <ul className="inbox-list" data-testid="inbox-list">
              {(entries as readonly InboxItem[]).map(item => {
                const isUnread = item.read_at == null;
                return (
                  <li key={item.id} className={isUnread ? 'inbox-item unread' : 'inbox-item'} data-read={isUnread ? 'no' : 'yes'}>
                    <a
                      href={inboxHref(item)}
                      onClick={e => {
                        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                        e.preventDefault();
                        openEntry(item);
                      }}
                    >
                      {isUnread ? <span className="unread-dot" aria-hidden="true" /> : <span aria-hidden="true" />}
                      {isUnread && <span className="sr-only">Unread: </span>}
                      <span className="inbox-sentence">{inboxSentence(item, context.userId)}</span>
                      <span className="inbox-age">{ago(item.created_at, now)}</span>
                    </a>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
