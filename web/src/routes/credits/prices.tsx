/**
 * The price table (admins): every version of every provider's price, as credits per generation (a
 * text, an image, a minute of audio) with this org's plan markup, not per thousand tokens. Old
 * versions stay listed: each charge keeps the version it was made at.
 */
import { createResource, For, Show } from 'solid-js';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ListStatus } from '../../components/ListStatus.tsx';
import { call, client } from '../../lib/api.ts';
import { codeLabel, formatDate, formatNumber, formatPercent, t } from '../../lib/i18n.ts';
import { session } from '../../lib/session.ts';

type Credits = number | null;

const show = (n: Credits) => (n === null ? '—' : formatNumber(n));

export function PriceTableView() {
  const [table] = createResource(
    () => session.activeOrg?.id,
    () => call(client.GET('/api/v1/studio/prices')),
  );
  return (
    <section class="card overflow-hidden" aria-labelledby="prices-title">
      <div class="grid gap-1 border-b border-line p-4">
        <h2 id="prices-title" class="text-base font-semibold text-fg">
          {t('credits.pricesTitle')}
        </h2>
        <Show when={table()}>
          {(loaded) => (
            <p class="text-sm text-fg-muted">
              {t('credits.pricesBody', {
                plan: codeLabel('common.plan_', loaded().plan),
                markup: formatPercent(loaded().markupBps / 10_000),
              })}
            </p>
          )}
        </Show>
      </div>
      <ListStatus
        error={table.error}
        loading={!table()}
        empty={!table()?.rows.length}
        emptyState={<EmptyState icon="coins" title={t('credits.pricesEmpty')} description="" />}
      >
        <div class="overflow-x-auto">
          <table class="w-full min-w-[44rem]">
            <thead class="border-b border-line bg-surface-muted/50">
              <tr>
                <th class="th">{t('credits.provider')}</th>
                <th class="th">{t('credits.model')}</th>
                <th class="th">{t('credits.version')}</th>
                <th class="th text-right">{t('credits.perText')}</th>
                <th class="th">{t('credits.perImage')}</th>
                <th class="th text-right">{t('credits.perSpeechMinute')}</th>
              </tr>
            </thead>
            <tbody class="divide-y divide-line">
              <For each={table()!.rows}>
                {(row) => (
                  <tr class={row.current ? '' : 'opacity-60'} data-testid="price-row">
                    <td class="td font-medium">{codeLabel('studio.provider_', row.provider)}</td>
                    <td class="td font-mono text-xs">{row.model}</td>
                    <td class="td whitespace-nowrap">
                      {/^\d{4}-\d{2}-\d{2}$/.test(row.version)
                        ? formatDate(`${row.version}T12:00:00`)
                        : row.version}{' '}
                      <span
                        class={`ml-1 rounded-full px-2 py-0.5 text-xs font-medium ${row.current ? 'bg-brand-soft text-brand-strong' : 'bg-surface-muted text-fg-muted'}`}
                      >
                        {row.current ? t('credits.current') : t('credits.previous')}
                      </span>
                    </td>
                    <td class="td text-right tabular-nums" data-testid="price-per-text">
                      {show(row.perGeneration.text)}
                    </td>
                    <td class="td whitespace-nowrap text-xs tabular-nums">
                      <Show when={row.perGeneration.image} fallback="—">
                        {(sizes) => (
                          <For each={Object.entries(sizes())}>
                            {([size, n]) => (
                              <div>
                                {size.replace('x', ' × ')}: {show(n)}
                              </div>
                            )}
                          </For>
                        )}
                      </Show>
                    </td>
                    <td class="td text-right tabular-nums">
                      {show(row.perGeneration.speechMinute)}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </ListStatus>
    </section>
  );
}
