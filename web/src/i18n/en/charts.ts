/** English for ../pt-BR/charts.ts: exactly its keys. */
import type { Translation } from '../define.ts';
import type words from '../pt-BR/charts.ts';

export default {
  summary: '{n} bars, {total} in all.',
  empty: 'Nothing to show for this period.',
  showTable: 'Show as a table',
  lineSummary: '{n} points, from {min} to {max}; the latest {last}.',
} satisfies Translation<typeof words>;
