/** Words the charts share: their spoken summary and the table behind each. */
import { defineMessages } from './define.ts';

export default defineMessages({
  'pt-BR': {
    summary: '{n} barras, total {total}.',
    empty: 'Nada a mostrar neste período.',
    showTable: 'Ver como tabela',
  },
  en: {
    summary: '{n} bars, {total} in all.',
    empty: 'Nothing to show for this period.',
    showTable: 'Show as a table',
  },
});
