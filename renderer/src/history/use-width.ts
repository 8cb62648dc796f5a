/**
 * The width of an element, kept up to date with a ResizeObserver. Charts get explicit sizes from
 * it; where there is no layout (jsdom) or no observer, the fallback width is used.
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
      const measure = () => {
        const w = Math.floor(el.clientWidth);
        setWidth(w > 0 ? w : fallback);
      };
      measure();
      if (typeof ResizeObserver !== 'undefined') {
        observer.current = new ResizeObserver(measure);
        observer.current.observe(el);
      }
    },
    [fallback],
  );
  return [ref, width];
}
