import {useEffect} from 'react';
import {navigate} from '../app/router.tsx';
import {TICKET_SEARCH_ID} from '../features/tickets/TicketSearch.tsx';

/** "/" anywhere (outside a text field) opens ticket search with the cursor in its box. */
export function useSearchShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.metaKey || e.ctrlKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      e.preventDefault();
      const box = document.getElementById(TICKET_SEARCH_ID);
      if (box) box.focus();
      else navigate('/tickets'); // the search box takes the focus when it appears
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
