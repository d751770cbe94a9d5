/**
 * The table behind a chart, folded under "show as a table": the same figures for screen readers
 * and for people who would rather read them.
 */
import { For } from 'solid-js';
import { t } from '../lib/i18n.ts';

export function ChartTable(props: {
  title: string;
  labelHeader: string;
  valueHeader: string;
  rows: { label: string; value: string }[];
}) {
  return (
    <details class="text-sm">
      <summary class="focus-ring w-fit cursor-pointer rounded text-fg-muted hover:text-fg">
        {t('charts.showTable')}
      </summary>
      <div class="mt-2 max-h-72 overflow-auto rounded-lg border border-line">
        <table class="w-full">
          <caption class="sr-only">{props.title}</caption>
          <thead class="bg-surface-muted/50">
            <tr>
              <th scope="col" class="th">
                {props.labelHeader}
              </th>
              <th scope="col" class="th text-right">
                {props.valueHeader}
              </th>
            </tr>
          </thead>
          <tbody class="divide-y divide-line">
            <For each={props.rows}>
              {(row) => (
                <tr>
                  <th scope="row" class="td text-left font-normal">
                    {row.label}
                  </th>
                  <td class="td text-right tabular-nums">{row.value}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </details>
  );
}
