import type {TaskLaneItem} from '../../../schema/index.ts';
import './whisper.css';

type Item = TaskLaneItem & {author?: {name: string} | undefined};

/**
 * A watcher's item the driver has not seen yet: highlighted on the driver's
 * screen until they mark it seen (or act on it). Nobody else's screen
 * highlights it: only the driver's eye is being drawn.
 */
export function isNewWhisper(item: Item, driverId: string, selfId: string): boolean {
  return selfId === driverId && item.author_user_id !== driverId && item.seen_at == null && !item.deleted_at && item.state === 'open';
}

/**
 * Tells a screen reader about new whispers (a polite live region, visually
 * hidden): the latest one's author and words, and how many wait.
 */
export function WhisperAnnouncer({items}: {items: readonly Item[]}) {
  const latest = items.reduce<Item | undefined>((a, b) => (!a || b.created_at > a.created_at ? b : a), undefined);
  const text = latest
    ? `${items.length === 1 ? 'New suggestion' : `${items.length} new suggestions`} from a watcher. Latest from ${latest.author?.name ?? 'a watcher'}: ${latest.text}`
    : '';
  return (
    <div className="sr-only" role="status" aria-live="polite" data-testid="whisper-announcer">
      {text}
    </div>
  );
}
