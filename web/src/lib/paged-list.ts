/**
 * One way to show a long list a page at a time: the first page (read again whenever the page
 * says so, e.g. a filter changed), then "load more" by the server's cursor. An answer that
 * arrives after a newer first-page request is dropped, and a row the list already holds is not
 * added twice (a row can move between pages while a person reads).
 */
import { batch } from 'solid-js';
import { createStore } from 'solid-js/store';

export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

export interface PagedListState<Item> {
  items: Item[];
  nextCursor: string | null;
  /** The first page is being read (again). */
  loading: boolean;
  loadingMore: boolean;
  /** Why the first page could not be read. */
  error: unknown;
}

export function createPagedList<Item extends { id: string }>(
  fetchPage: (cursor: string | null) => Promise<Page<Item>>,
  /** A failed "load more" keeps the rows shown; the page says why (a toast, a notice). */
  onMoreFailed: (error: unknown) => void,
) {
  const [state, setState] = createStore<PagedListState<Item>>({
    items: [],
    nextCursor: null,
    loading: true,
    loadingMore: false,
    error: null,
  });
  let request = 0;

  /** Reads the first page; `clear` empties the list first (a different list, not a fresher one). */
  const reload = async ({ clear = false } = {}) => {
    const mine = ++request;
    setState(
      clear
        ? { items: [], nextCursor: null, loading: true, error: null }
        : { loading: true, error: null },
    );
    try {
      const page = await fetchPage(null);
      if (mine === request)
        setState({ items: page.items, nextCursor: page.nextCursor, loading: false });
    } catch (error) {
      if (mine === request) setState({ error, loading: false });
    }
  };

  const loadMore = async () => {
    if (!state.nextCursor) return;
    const mine = request;
    setState('loadingMore', true);
    try {
      const page = await fetchPage(state.nextCursor);
      if (mine !== request) return;
      batch(() => {
        const known = new Set(state.items.map((item) => item.id));
        setState('items', (items) => [...items, ...page.items.filter((i) => !known.has(i.id))]);
        setState('nextCursor', page.nextCursor);
      });
    } catch (error) {
      onMoreFailed(error);
    } finally {
      setState('loadingMore', false);
    }
  };

  return { state, setState, reload, loadMore };
}
