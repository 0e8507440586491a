import {useEffect} from 'react';
import {navigate} from '../app/router.tsx';
import {shortcutBlocked} from './shortcut-guard.ts';
import {TICKET_SEARCH_ID} from '../features/tickets/TicketSearch.tsx';

/** "/" anywhere (outside a text field) opens ticket search with the cursor in its box. */
export function useSearchShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || shortcutBlocked(e)) return;
      e.preventDefault();
      const box = document.getElementById(TICKET_SEARCH_ID);
      if (box) box.focus();
      else navigate('/tickets'); // the search box takes the focus when it appears
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
