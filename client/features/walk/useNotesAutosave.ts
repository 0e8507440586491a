import {useEffect, useRef, useState} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {MAX_NOTES_BYTES} from '../../../mutators/walk/update-notes.ts';
import {useChange} from '../../offline/use-change.ts';
import {setDraft} from './unsaved-drafts.ts';

export type SaveState = 'saved' | 'saving' | 'too-long' | 'refused';

/**
 * Notes kept in local state (so nothing typed is lost) and saved while
 * typing, debounced: a watcher sees them before the L1 leaves the field.
 * Leaving the page (reload, close, navigate) saves what is still waiting
 * for the debounce at once, into the outbox.
 */
export function useNotesAutosave(walkId: string, serverNotes: string, debounceMs = 400) {
  const [text, setText] = useState(serverNotes);
  const [state, setState] = useState<SaveState>('saved');
  const {run, error} = useChange();
  const dirty = useRef(false);
  const flush = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (!dirty.current) setText(serverNotes);
  }, [serverNotes]);

  useEffect(() => {
    if (!dirty.current) return;
    setDraft(walkId, 'notes', text);
    if (new TextEncoder().encode(text).length > MAX_NOTES_BYTES) {
      setState('too-long');
      return;
    }
    setState('saving');
    const save = async () => {
      flush.current = null;
      const ok = await run(mutators.walk.updateNotes({walkId, notes: text}));
      if (ok) dirty.current = false;
      // Unsaved text outlives this editor (a take-over unmounts it); saved text needs no keeping.
      setDraft(walkId, 'notes', ok ? '' : text);
      setState(ok ? 'saved' : 'refused');
    };
    const t = setTimeout(save, debounceMs);
    flush.current = () => {
      clearTimeout(t);
      void save();
    };
    return () => clearTimeout(t);
  }, [text, walkId, run, debounceMs]);

  useEffect(() => {
    const now = () => flush.current?.();
    window.addEventListener('pagehide', now);
    return () => {
      window.removeEventListener('pagehide', now);
      now();
    };
  }, []);

  return {
    text,
    setText: (t: string) => {
      dirty.current = true;
      setText(t);
    },
    state,
    error,
  };
}
