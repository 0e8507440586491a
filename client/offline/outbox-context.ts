import {createContext, useContext, useSyncExternalStore} from 'react';
import type {Outbox} from './outbox.ts';
import type {OutboxEntry} from './outbox-journal.ts';

export const OutboxContext = createContext<Outbox | null>(null);

export function useOutbox(): Outbox {
  const outbox = useContext(OutboxContext);
  if (!outbox) throw new Error('useOutbox outside ZeroRoot');
  return outbox;
}

/** This person's outbox entries (all tabs), live. */
export function useOutboxEntries(): OutboxEntry[] {
  const outbox = useOutbox();
  return useSyncExternalStore(
    listener => outbox.subscribe(listener),
    () => outbox.entries(),
  );
}
