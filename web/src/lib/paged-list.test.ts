import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { createPagedList, type Page } from './paged-list.ts';

type Row = { id: string };
const fail = (error: unknown) => {
  throw error;
};
const rows = (...ids: string[]) => ids.map((id) => ({ id }));

describe('createPagedList', () => {
  it('reads the first page, then more by cursor, without adding a row twice', async () => {
    const pages: Record<string, Page<Row>> = {
      first: { items: rows('a', 'b'), nextCursor: 'c1' },
      c1: { items: rows('b', 'c'), nextCursor: null },
    };
    const list = createRoot(() =>
      createPagedList<Row>(async (cursor) => pages[cursor ?? 'first']!, fail),
    );
    await list.reload();
    expect(list.state.items.map((r) => r.id)).toEqual(['a', 'b']);
    await list.loadMore();
    expect(list.state.items.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(list.state.nextCursor).toBeNull();
    expect(list.state.loadingMore).toBe(false);
  });

  it('drops a first page that answers after a newer request', async () => {
    const waits: ((page: Page<Row>) => void)[] = [];
    const list = createRoot(() =>
      createPagedList<Row>(() => new Promise((resolve) => waits.push(resolve)), fail),
    );
    const older = list.reload();
    const newer = list.reload();
    waits[1]!({ items: rows('new'), nextCursor: null });
    waits[0]!({ items: rows('old'), nextCursor: 'x' });
    await Promise.all([older, newer]);
    expect(list.state.items.map((r) => r.id)).toEqual(['new']);
    expect(list.state.nextCursor).toBeNull();
  });

  it('keeps the rows when loading more fails, and says why through onMoreFailed', async () => {
    const failures: unknown[] = [];
    const list = createRoot(() =>
      createPagedList<Row>(
        async (cursor) => {
          if (cursor) throw new Error('offline');
          return { items: rows('a'), nextCursor: 'c1' };
        },
        (error) => failures.push(error),
      ),
    );
    await list.reload();
    await list.loadMore();
    expect(list.state.items.map((r) => r.id)).toEqual(['a']);
    expect(list.state.nextCursor).toBe('c1');
    expect(failures).toHaveLength(1);
  });

  it('empties the list first when told the next list is a different one', async () => {
    let resolve: (page: Page<Row>) => void = () => {};
    let calls = 0;
    const list = createRoot(() =>
      createPagedList<Row>(
        () =>
          calls++ === 0
            ? Promise.resolve({ items: rows('a'), nextCursor: null })
            : new Promise((r) => {
                resolve = r;
              }),
        fail,
      ),
    );
    await list.reload();
    const pending = list.reload({ clear: true });
    expect(list.state.items).toEqual([]);
    expect(list.state.loading).toBe(true);
    resolve({ items: rows('b'), nextCursor: null });
    await pending;
    expect(list.state.items.map((r) => r.id)).toEqual(['b']);
  });
});
