/** Words the charts share: their spoken summary and the table behind each. */
import type { Messages } from '../define.ts';

export default {
  summary: 'Barras: {n}; total {total}.',
  empty: 'Nada a mostrar neste período.',
  showTable: 'Ver como tabela',
  lineSummary: 'Pontos: {n}, de {min} a {max}; o último, {last}.',
} satisfies Messages;
