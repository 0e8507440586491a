import {useEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject} from 'react';

/** What Tab can reach inside `root`, in order: one stop per radio group (its checked radio, else its first). */
function tabStops(root: HTMLElement): HTMLElement[] {
  const candidates = Array.from(root.querySelectorAll<HTMLElement>('button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])')).filter(
    el => !(el as HTMLButtonElement).disabled && el.tabIndex >= 0 && el.getClientRects().length > 0,
  );
  const groups = new Set<string>();
  return candidates.filter(el => {
    if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return true;
    const group = candidates.filter((c): c is HTMLInputElement => c instanceof HTMLInputElement && c.type === 'radio' && c.name === el.name);
    const stop = group.find(r => r.checked) ?? group[0];
    if (groups.has(el.name) || stop !== el) return false;
    groups.add(el.name);
    return true;
  });
}

/**
 * A modal dialog (the browser's own `<dialog>`, shown modal so the page behind
 * it is inert): Esc closes it, Tab cycles inside it, the element marked
 * `data-autofocus` (else the first control) gets focus when it opens, and on
 * close focus goes back to `returnFocusTo`.
 *
 * Render it as a sibling of other forms, never inside one: React events
 * bubble through the component tree, so a nested dialog's submit would also
 * submit the form around it.
 */
export function Modal({
  labelledBy,
  onClose,
  returnFocusTo,
  wide = false,
  children,
}: {
  labelledBy: string;
  onClose: () => void;
  returnFocusTo?: RefObject<HTMLElement | null>;
  wide?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef(returnFocusTo);
  returnTo.current = returnFocusTo;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const first = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? tabStops(dialog)[0];
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
      (returnTo.current?.current ?? before)?.focus();
    };
  }, []);

  const trapTab = (e: KeyboardEvent<HTMLDialogElement>) => {
    // Esc is this dialog's (its cancel event closes it), not the page's: a page that closes a view on Esc keeps it.
    if (e.key === 'Escape') e.stopPropagation();
    if (e.key !== 'Tab' || !ref.current) return;
    const stops = tabStops(ref.current);
    if (stops.length === 0) return;
    const at = stops.indexOf(document.activeElement as HTMLElement);
    const next = e.shiftKey ? (at <= 0 ? stops.length - 1 : at - 1) : at === stops.length - 1 || at === -1 ? 0 : at + 1;
    // Let the browser move focus inside the dialog; wrap only at the ends.
    if ((e.shiftKey && at <= 0) || (!e.shiftKey && (at === stops.length - 1 || at === -1))) {
      e.preventDefault();
      stops[next]?.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className={`modal${wide ? ' modal-wide' : ''}`}
      aria-labelledby={labelledBy}
      onCancel={e => {
        // Esc: React state decides whether the dialog is shown.
        e.preventDefault();
        onClose();
      }}
      // The browser may close it by itself (a second Esc without a click between).
      onClose={onClose}
      onKeyDown={trapTab}
    >
      {children}
    </dialog>
  );
}
