/**
 * A scrolling list that renders only the rows in view (plus a margin), so a column of 10,000
 * cards costs the same as one of twenty. Rows carry their position and the list's size, so a
 * screen reader still says "3 of 10,000". Rows have one fixed height; rows are keyed by id, so a
 * row that shifts position keeps its DOM (and its focus) instead of being rebuilt.
 */
import { createMemo, createSignal, For, type JSX, onCleanup, onMount } from 'solid-js';
import { scrollToShow, visibleRows } from './virtual-window.ts';

export interface VirtualListHandle {
  element: HTMLElement;
  /** Scrolls just enough for row `index` to be fully visible. */
  showIndex(index: number): void;
}

export interface VirtualListProps {
  ids: string[];
  rowHeight: number;
  overscan?: number;
  class?: string;
  style?: JSX.CSSProperties;
  /** The list's accessible name. */
  label: string;
  testId?: string;
  ref?: (handle: VirtualListHandle) => void;
  children: (id: string, index: () => number) => JSX.Element;
}

export function VirtualList(props: VirtualListProps) {
  let element!: HTMLDivElement;
  const [scrollTop, setScrollTop] = createSignal(0);
  const [height, setHeight] = createSignal(0);

  const range = createMemo(() =>
    visibleRows(scrollTop(), height(), props.rowHeight, props.ids.length, props.overscan ?? 4),
  );
  const shown = createMemo(() => props.ids.slice(range().start, range().end));

  onMount(() => {
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    onCleanup(() => observer.disconnect());
    props.ref?.({
      element,
      showIndex(index) {
        const next = scrollToShow(index, element.scrollTop, element.clientHeight, props.rowHeight);
        if (next !== element.scrollTop) {
          element.scrollTop = next;
          setScrollTop(element.scrollTop);
        }
      },
    });
  });

  return (
    <div
      ref={element}
      data-testid={props.testId}
      class={`relative overflow-y-auto overscroll-contain ${props.class ?? ''}`}
      style={props.style}
      onScroll={() => setScrollTop(element.scrollTop)}
    >
      <ul
        aria-label={props.label}
        style={{ height: `${props.ids.length * props.rowHeight}px` }}
        class="relative"
      >
        <For each={shown()}>
          {(id, offset) => {
            const index = () => range().start + offset();
            return (
              <li
                class="absolute inset-x-0"
                style={{ top: `${index() * props.rowHeight}px`, height: `${props.rowHeight}px` }}
                aria-posinset={index() + 1}
                aria-setsize={props.ids.length}
              >
                {props.children(id, index)}
              </li>
            );
          }}
        </For>
      </ul>
    </div>
  );
}
