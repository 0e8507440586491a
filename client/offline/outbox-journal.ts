/**
 * The outbox's durable journal (docs/offline.md): every change the person makes is
 * written here, synchronously, before it is handed to Zero, and stays until
 * the server has answered it. It lives in localStorage, so it survives a
 * reload or a closed tab with no network, and every tab of the same person
 * sees the same journal (the `storage` event tells the others).
 */
export type OutboxEntry = {
  changeId: string;
  /** Ordering across tabs and reloads: when it was made, then a counter. */
  seq: number;
  /** The tab that sends it now; a dead tab's entries are adopted by a live one. */
  tabId: string;
  name: string;
  args: unknown;
  /** A person-readable line for the indicator and the refusal list. */
  label: string;
  /** Text the person typed with this change, kept to copy if it is refused. */
  text?: string;
  walkId?: string;
  /** Full-replacement changes (notes) of the same key supersede each other while waiting. */
  coalesceKey?: string;
  /** Made while not connected: its fate is shown even if the person moved on. */
  madeOffline?: boolean;
  state: 'pending' | 'refused';
  refusal?: {code?: string; message: string};
  createdAt: number;
};

export type Journal = {
  read(): OutboxEntry[];
  write(entries: OutboxEntry[]): void;
  /** Calls back when another tab changed the journal. */
  onOtherTab(listener: () => void): () => void;
};

export function localJournal(userId: string): Journal {
  const key = `tandem.outbox.${userId}`;
  return {
    read() {
      try {
        const entries = JSON.parse(localStorage.getItem(key) ?? '[]') as OutboxEntry[];
        return Array.isArray(entries) ? entries.sort((a, b) => a.seq - b.seq) : [];
      } catch {
        return [];
      }
    },
    write(entries) {
      if (entries.length) localStorage.setItem(key, JSON.stringify(entries));
      else localStorage.removeItem(key);
    },
    onOtherTab(listener) {
      const onStorage = (e: StorageEvent) => e.key === key && listener();
      window.addEventListener('storage', onStorage);
      return () => window.removeEventListener('storage', onStorage);
    },
  };
}

/** A journal that lives as long as the process (Node clients: tests, scripts). */
export function memoryJournal(): Journal {
  let entries: OutboxEntry[] = [];
  return {
    read: () => [...entries].sort((a, b) => a.seq - b.seq),
    write: next => {
      entries = [...next];
    },
    onOtherTab: () => () => {},
  };
}
