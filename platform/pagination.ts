/** @module Cursor pages: fetch one row more than the limit to know whether another page exists. */
import type { Page } from '../schema/inputs/common.ts';

export function page<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}
