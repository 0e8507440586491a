import {useEffect, useRef, useState} from 'react';
import {createPortal} from 'react-dom';
import {Modal} from '../ui/Modal.tsx';
import {shortcutBlocked} from './shortcut-guard.ts';
import {SHORTCUTS} from './shortcuts.ts';

/** `?` (outside a field) or the header's button opens the list of keyboard shortcuts. */
export function ShortcutsHelp() {
  // How it was opened: from the button (focus goes back to it) or by `?` (focus goes back to where it was).
  const [open, setOpen] = useState<false | 'button' | 'key'>(false);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || shortcutBlocked(e)) return;
      e.preventDefault();
      setOpen('key');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <button
        ref={button}
        type="button"
        className="btn btn-quiet btn-small"
        onClick={() => setOpen('button')}
        aria-haspopup="dialog"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
      >
        <span aria-hidden="true" className="shortcuts-glyph">
          ?
        </span>
        <span className="menu-only" aria-hidden="true">
          Keyboard shortcuts
        </span>
      </button>
      {/* In <body>: on a phone this button sits in the folded menu, which would hide the dialog too. */}
      {open &&
        createPortal(
          <Modal labelledBy="shortcuts-title" onClose={() => setOpen(false)} returnFocusTo={open === 'button' ? button : undefined}>
            <div className="stack">
              <h3 id="shortcuts-title">Keyboard shortcuts</h3>
              <p className="muted">Single keys work whenever you are not typing in a field.</p>
              <table className="table shortcuts" data-testid="shortcuts">
                <thead>
                  <tr>
                    <th scope="col">Keys</th>
                    <th scope="col">Does</th>
                    <th scope="col">Where</th>
                  </tr>
                </thead>
                <tbody>
                  {SHORTCUTS.map(s => (
                    <tr key={s.what}>
                      <td data-label="Keys">{s.keys.map(k => (k === '…' ? <span key={k}> to </span> : <kbd key={k}>{k}</kbd>))}</td>
                      <td data-label="Does">{s.what}</td>
                      <td data-label="Where">{s.where}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="row">
                <button type="button" className="btn" onClick={() => setOpen(false)} data-autofocus="">
                  Close
                </button>
              </div>
            </div>
          </Modal>,
          document.body,
        )}
    </>
  );
}
