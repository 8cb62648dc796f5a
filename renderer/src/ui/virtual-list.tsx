/**
 * A fixed-row-height virtualized list (@tanstack/react-virtual): only visible rows are in the
 * DOM, so a feed of 5,000 signals scrolls and updates smoothly at 60×.
 */
import { useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useWords } from '../i18n/words.tsx';

export interface VirtualListProps {
  count: number;
  rowHeight: number;
  renderRow(index: number): ReactNode;
  getKey(index: number): string | number;
  label: string;
  className?: string;
}

export function VirtualList(props: VirtualListProps) {
  const w = useWords();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => props.rowHeight,
    getItemKey: props.getKey,
    overscan: 8,
  });
  return (
    // Focusable, so the list scrolls from the keyboard too (rows need not hold a control).
    <div
      ref={scrollRef}
      className={`virtual-scroll ${props.className ?? ''}`}
      data-virtual-scroll=""
      tabIndex={0}
      role="region"
      aria-label={w.t('ui.scrollable', { label: props.label })}
    >
      <div role="list" aria-label={props.label} style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            role="listitem"
            className="virtual-row"
            style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: item.size, transform: `translateY(${item.start}px)` }}
          >
            {props.renderRow(item.index)}
          </div>
        ))}
      </div>
    </div>
  );
}
