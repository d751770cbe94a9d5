/**
 * The org's boards over REST, remembered on the device so the board switcher (and the last
 * board) still open offline.
 */
import { api, call, client } from '../../lib/api.ts';

export interface BoardSummary {
  id: string;
  name: string;
  currency: string;
}

const cacheKey = (orgId: string) => `gl-boards:${orgId}`;
const lastKey = (orgId: string) => `gl-last-board:${orgId}`;

export function cachedBoards(orgId: string): BoardSummary[] {
  const saved = localStorage.getItem(cacheKey(orgId));
  return saved ? (JSON.parse(saved) as BoardSummary[]) : [];
}

export async function fetchBoards(orgId: string): Promise<BoardSummary[]> {
  const { items } = await api<{ items: BoardSummary[] }>('/boards');
  const slim = items.map(({ id, name, currency }) => ({ id, name, currency }));
  localStorage.setItem(cacheKey(orgId), JSON.stringify(slim));
  return slim;
}

export function createBoard(input: { name: string; currency: 'BRL' | 'USD' | 'EUR' }) {
  return call(client.POST('/api/v1/boards', { body: input }));
}

export function lastBoardId(orgId: string): string | null {
  return localStorage.getItem(lastKey(orgId));
}

export function rememberBoard(orgId: string, boardId: string) {
  localStorage.setItem(lastKey(orgId), boardId);
}
