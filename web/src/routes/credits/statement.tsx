/**
 * The statement: every ledger entry, newest first, filtered by kind and dates, a page at a time.
 * Holds and releases move what is available, not the balance, so they show apart from charges.
 * Each line says why in the reader's words (the API sends a reason code and its parameters) and
 * links to what it paid for: the generation, or the product whose creatives it made.
 */
import { A } from '@solidjs/router';
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { CREDIT_ENTRY_KINDS } from '../../../../domain/credits/entries.ts';
import { Button } from '../../components/Button.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Field } from '../../components/Field.tsx';
import { ListStatus } from '../../components/ListStatus.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { showToast } from '../../components/Toast.tsx';
import { type Answer, call, client } from '../../lib/api.ts';
import { credits } from '../../lib/credits.ts';
import { describeError } from '../../lib/errors.ts';
import { codeLabel, formatDateTime, formatNumber, t } from '../../lib/i18n.ts';
import { createPagedList, type Page } from '../../lib/paged-list.ts';
import { session } from '../../lib/session.ts';

type EntryKind = (typeof CREDIT_ENTRY_KINDS)[number];

type Entry = Answer<'/api/v1/credits/entries', 'get'>['items'][number];

const PAGE_SIZE = 25;

/** A date field's day as the start of that day in the browser's time zone, in ISO. */
const dayStart = (day: string, plusDays = 0) => {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
};

/** Why the credits moved, in the reader's words; a reason stored before codes shows as written. */
function reasonWords(entry: Entry): string {
  const params = entry.reasonParams ?? {};
  switch (entry.reason) {
    case null:
      return '';
    case 'studio.generation':
      return params.modality
        ? t('credits.reason_studio_generation', {
            modality: codeLabel('credits.modalityWord_', String(params.modality)),
          })
        : t('credits.reason_studio_generation_any');
    case 'pack.purchase':
      return t('credits.reason_pack_purchase', { credits: formatNumber(entry.credits) });
    case 'plan.credits':
      return t('credits.reason_plan_credits', {
        plan: codeLabel('common.plan_', String(params.plan ?? '')),
      });
    case 'adjustment':
      return t('credits.reason_adjustment', { note: String(params.note ?? '') });
    default:
      return codeLabel('credits.reason_', entry.reason, entry.reason);
  }
}

/** Where the thing a line paid for lives in the app. */
const refLink = (ref: NonNullable<Entry['ref']>) =>
  ref.kind === 'generation'
    ? { href: `/studio?generation=${ref.id}`, label: t('credits.refGeneration') }
    : { href: `/products/${ref.productId}`, label: t('credits.refCreative') };

function amount(entry: Entry) {
  if (entry.balanceDelta > 0)
    return { text: `+${formatNumber(entry.balanceDelta)}`, class: 'text-brand-strong' };
  if (entry.balanceDelta < 0)
    return { text: `−${formatNumber(-entry.balanceDelta)}`, class: 'text-fg' };
  // Holds and releases move what is available, not the balance: shown muted, in brackets.
  const sign = entry.kind === 'hold' ? '−' : '+';
  return { text: `(${sign}${formatNumber(entry.credits)})`, class: 'text-fg-muted' };
}

export function Statement() {
  const [kind, setKind] = createSignal<EntryKind | ''>('');
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const { state, reload, loadMore } = createPagedList(
    (cursor) =>
      call(
        client.GET('/api/v1/credits/entries', {
          params: {
            query: {
              limit: PAGE_SIZE,
              cursor: cursor ?? undefined,
              kind: kind() || undefined,
              from: dayStart(from()),
              to: dayStart(to(), 1),
            },
          },
        }),
      ),
    (error) => showToast({ kind: 'error', title: describeError(error) }),
  );
  // New entries arrive with the balance event; the first page is read again then.
  createEffect(
    on(
      () => [session.activeOrg?.id, kind(), from(), to(), credits.balance, credits.held],
      () => reload(),
    ),
  );

  const detail = (entry: Entry) =>
    [
      reasonWords(entry),
      entry.provider &&
        t('studio.providerModel', {
          provider: codeLabel('studio.provider_', entry.provider),
          model: entry.model ?? '',
        }),
    ]
      .filter(Boolean)
      .join(' · ') || '—';

  return (
    <section class="card overflow-hidden" aria-labelledby="statement-title">
      <div class="flex flex-wrap items-end justify-between gap-3 border-b border-line p-4">
        <h2 id="statement-title" class="text-base font-semibold text-fg">
          {t('credits.statement')}
        </h2>
        <div class="flex flex-wrap items-end gap-2">
          <SelectField
            label={t('credits.filterKind')}
            value={kind() || 'all'}
            onChange={(value) => setKind(value === 'all' ? '' : (value as EntryKind))}
            options={[
              { value: 'all', label: t('credits.allKinds') },
              ...CREDIT_ENTRY_KINDS.map((k) => ({ value: k, label: t(`credits.kind_${k}`) })),
            ]}
            class="w-44"
          />
          <Field
            label={t('credits.from')}
            name="from"
            type="date"
            value={from()}
            onInput={setFrom}
            class="w-40"
          />
          <Field
            label={t('credits.to')}
            name="to"
            type="date"
            value={to()}
            onInput={setTo}
            class="w-40"
          />
        </div>
      </div>
      <ListStatus
        error={state.error}
        loading={state.loading && !state.items.length}
        empty={!state.items.length}
        emptyState={
          <EmptyState
            icon="coins"
            title={t('credits.statementEmpty')}
            description={t('credits.statementEmptyBody')}
          />
        }
      >
        <div class="overflow-x-auto">
          <table class="w-full min-w-[40rem]">
            <thead class="border-b border-line bg-surface-muted/50">
              <tr>
                <th class="th">{t('credits.when')}</th>
                <th class="th">{t('credits.kind')}</th>
                <th class="th">{t('credits.detail')}</th>
                <th class="th text-right">{t('credits.amount')}</th>
                <th class="th text-right">{t('credits.balanceAfter')}</th>
              </tr>
            </thead>
            <tbody class="divide-y divide-line">
              <For each={state.items}>
                {(entry) => (
                  <tr data-testid="statement-row">
                    <td class="td whitespace-nowrap text-fg-muted">
                      {formatDateTime(entry.createdAt)}
                    </td>
                    <td class="td">{t(`credits.kind_${entry.kind}`)}</td>
                    <td class="td min-w-48 text-fg-muted">
                      <span class="block">{detail(entry)}</span>
                      <Show when={entry.ref}>
                        {(ref) => (
                          <A
                            href={refLink(ref()).href}
                            class="focus-ring text-xs text-brand-strong hover:underline"
                          >
                            {refLink(ref()).label}
                          </A>
                        )}
                      </Show>
                    </td>
                    <td class={`td text-right tabular-nums font-medium ${amount(entry).class}`}>
                      {amount(entry).text}
                    </td>
                    <td class="td text-right tabular-nums">{formatNumber(entry.balanceAfter)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <p class="help-text border-t border-line px-4 py-2">{t('credits.heldNote')}</p>
        <Show when={state.nextCursor}>
          <div class="flex justify-center border-t border-line p-3">
            <Button busy={state.loadingMore} onClick={loadMore}>
              {t('credits.loadMore')}
            </Button>
          </div>
        </Show>
      </ListStatus>
    </section>
  );
}
