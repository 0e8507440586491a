import {createElement, useLayoutEffect, useRef, useState, type CSSProperties, type HTMLAttributes, type ReactNode} from 'react';

type ClampProps = HTMLAttributes<HTMLElement> & {
  /** The element to render: a heading, a list row's title, a span. */
  as?: 'h1' | 'h2' | 'h3' | 'div' | 'span' | 'p';
  /** Lines shown before the text is cut with "…". */
  lines?: number;
  /**
   * false inside a control (a card that is itself a button): no toggle, the
   * full text is in its tooltip and in what the control opens.
   */
  expandable?: boolean;
  /**
   * What "Show all" reveals beyond the text itself (a ticket's full problem
   * under its short title): the toggle is offered whenever it is given, cut
   * or not, and `fullText` is the tooltip while it is hidden.
   */
  more?: ReactNode;
  fullText?: string;
  children: ReactNode;
};

/**
 * A long text cut to a few lines (CSS line-clamp) with the full text one
 * click away: a "Show all" button right after it (only when something is
 * actually cut, or when there is `more` to reveal; keyboard reachable,
 * aria-expanded) that expands it in place, and the whole text as its tooltip.
 */
export function Clamp({as = 'span', lines = 2, expandable = true, more, fullText, className, style, children, ...rest}: ClampProps) {
  const ref = useRef<HTMLElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [cut, setCut] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: measured again whenever the text or its state changes
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setCut(el.scrollHeight > el.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [expanded, children]);

  const text = ref.current?.textContent ?? undefined;
  const element = createElement(
    as,
    {
      ...rest,
      ref,
      className: `${className ? `${className} ` : ''}${expanded ? 'clamp-open' : 'clamp'}`,
      style: {...style, '--clamp-lines': lines} as CSSProperties,
      title: expanded ? rest.title : (fullText ?? (cut ? text : rest.title)),
    },
    children,
  );
  if (!expandable || (!cut && !expanded && !more)) return element;
  return (
    <>
      {element}
      {expanded && more}
      <button type="button" className="link clamp-toggle" aria-expanded={expanded} onClick={() => setExpanded(e => !e)}>
        {expanded ? 'Show less' : 'Show all'}
      </button>
    </>
  );
}
