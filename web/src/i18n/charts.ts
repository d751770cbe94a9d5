/** Words the charts share: their spoken summary and the table behind each. */
import { defineMessages } from './define.ts';

export default defineMessages({
  'pt-BR': {
    summary: 'Barras: {n}; total {total}.',
    empty: 'Nada a mostrar neste período.',
    showTable: 'Ver como tabela',
    lineSummary: 'Pontos: {n}, de {min} a {max}; o último, {last}.',
  },
  en: {
    summary: '{n} bars, {total} in all.',
    empty: 'Nothing to show for this period.',
    showTable: 'Show as a table',
    lineSummary: '{n} points, from {min} to {max}; the latest {last}.',
  },
});
