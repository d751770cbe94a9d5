/**
 * The org's boards over REST, remembered on the device so the board switcher (and the last
 * board) still open offline.
 */
import { type Answer, call, client } from '../../lib/api.ts';

/** What the switcher keeps of a board (cached on the device). */
export type BoardSummary = Pick<
  Answer<'/api/v1/boards', 'get'>['items'][number],
  'id' | 'name' | 'currency'
>;

const cacheKey = (orgId: string) => `gl-boards:${orgId}`;
const lastKey = (orgId: string) => `gl-last-board:${orgId}`;

export function cachedBoards(orgId: string): BoardSummary[] {
  const saved = localStorage.getItem(cacheKey(orgId));
  return saved ? (JSON.parse(saved) as BoardSummary[]) : [];
}

export async function fetchBoards(orgId: string): Promise<BoardSummary[]> {
  const { items } = await call(client.GET('/api/v1/boards'));
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
