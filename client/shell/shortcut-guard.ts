/**
 * Whether a single-key shortcut must leave this key press alone: a modifier
 * is held (Shift aside: `?` is Shift+/), the person is typing in a field, or
 * a modal dialog is open (its keys are its own).
 */
export function shortcutBlocked(e: KeyboardEvent): boolean {
  if (e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) return true;
  const target = e.target as HTMLElement | null;
  if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return true;
  return document.querySelector('dialog[open]') !== null;
}
