import {useEffect, useRef, useState} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {MAX_NOTES_BYTES} from '../../../mutators/walk/update-notes.ts';
import {useRun} from './use-run.ts';

export type SaveState = 'saved' | 'saving' | 'too-long' | 'refused';

/**
 * Notes kept in local state (so nothing typed is lost) and saved while
 * typing, debounced: a watcher sees them before the L1 leaves the field.
 */
export function useNotesAutosave(walkId: string, serverNotes: string, debounceMs = 400) {
  const [text, setText] = useState(serverNotes);
  const [state, setState] = useState<SaveState>('saved');
  const {run, error} = useRun();
  const dirty = useRef(false);

  useEffect(() => {
    if (!dirty.current) setText(serverNotes);
  }, [serverNotes]);

  useEffect(() => {
    if (!dirty.current) return;
    if (new TextEncoder().encode(text).length > MAX_NOTES_BYTES) {
      setState('too-long');
      return;
    }
    setState('saving');
    const t = setTimeout(async () => {
      const ok = await run(mutators.walk.updateNotes({walkId, notes: text}));
      if (ok) dirty.current = false;
      setState(ok ? 'saved' : 'refused');
    }, debounceMs);
    return () => clearTimeout(t);
  }, [text, walkId, run, debounceMs]);

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
