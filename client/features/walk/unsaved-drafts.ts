import {useCallback, useSyncExternalStore} from 'react';

/**
 * What the driver has typed on a walk and not saved yet, kept outside the
 * components that edit it: when someone takes over, those editors go away,
 * and the text stays here to be shown, copied or added to the lane (docs/shared-walks.md).
 * In memory, per tab: it is text in progress, not a record.
 */
export type DraftField = 'stepNote' | 'laneText' | 'escalationDetails' | 'notes';

const drafts = new Map<string, string>();
const listeners = new Set<() => void>();
let version = 0;
let owner: string | null = null;

const keyOf = (walkId: string, field: DraftField) => `${walkId}\u0000${field}`;
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * Drafts belong to the person signed in in this tab: another person signing
 * in here (no reload) starts with none. Called while rendering a walk, before
 * its editors read their drafts; idempotent.
 */
export function draftsBelongTo(userId: string): void {
  if (owner === userId) return;
  owner = userId;
  if (drafts.size === 0) return;
  drafts.clear();
  version++;
}

export function setDraft(walkId: string, field: DraftField, text: string): void {
  const key = keyOf(walkId, field);
  if ((drafts.get(key) ?? '') === text) return;
  if (text) drafts.set(key, text);
  else drafts.delete(key);
  version++;
  for (const l of listeners) l();
}

export function getDraft(walkId: string, field: DraftField): string {
  return drafts.get(keyOf(walkId, field)) ?? '';
}

/** One draft field, as state that outlives the component. */
export function useDraft(walkId: string, field: DraftField): [string, (text: string) => void] {
  const text = useSyncExternalStore(subscribe, () => getDraft(walkId, field));
  const set = useCallback((t: string) => setDraft(walkId, field, t), [walkId, field]);
  return [text, set];
}

/** Re-renders on any draft change; returns the reader for this walk. */
export function useDrafts(walkId: string): (field: DraftField) => string {
  useSyncExternalStore(subscribe, () => version);
  return field => getDraft(walkId, field);
}
