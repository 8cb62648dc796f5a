/**
 * The width of an element, kept up to date with a ResizeObserver. Charts get explicit sizes from
 * it; where there is no layout (jsdom) or no observer, the fallback width is used.
 *
 * Never read synchronously: reading `clientWidth` while React commits forces the browser to lay out
 * the whole page there and then (with a long table on the page, 40% of History's first paint). The
 * observer reports the width after the browser's own layout, in the same frame.
 */
import { useCallback, useRef, useState } from 'react';

export function useWidth<T extends HTMLElement>(fallback: number): [(el: T | null) => void, number] {
  const [width, setWidth] = useState(fallback);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback(
    (el: T | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!el) return;
      if (typeof ResizeObserver === 'undefined') return;
      observer.current = new ResizeObserver((entries) => {
        const w = Math.floor(entries[entries.length - 1]!.contentRect.width);
        setWidth(w > 0 ? w : fallback);
      });
      observer.current.observe(el);
    },
    [fallback],
  );
  return [ref, width];
}
