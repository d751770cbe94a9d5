/**
 * A product's viability verdict: the score badge and every reason, in the person's language, and
 * the words for its category (a slug such as `kitchen`; one the dictionary lacks is made readable).
 */
import { For, Show } from 'solid-js';
import type { ViabilityReason } from '../../../../domain/ads/viability.ts';
import type { ProductStatus } from '../../../../domain/ads/vocabulary.ts';
import { Icon } from '../../components/Icon.tsx';
import type { Product } from '../../lib/ads-api.ts';
import { codeLabel, formatPercent, t } from '../../lib/i18n.ts';
import { formatMoney } from '../../lib/money.ts';

export const categoryLabel = (slug: string) => codeLabel('products.category_', slug);

/** A margin or markup the server sends as a percent (74.5) in the locale's way: "74,5%". */
export const percentText = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : formatPercent(value / 100);

/** "Cozinha · R$ 22,90 → R$ 89,90 · margem 74,5%": a product in one line. */
export const productFacts = (p: Product) =>
  [
    categoryLabel(p.category),
    `${formatMoney(p.supplierCostMinor, p.currency)} → ${formatMoney(p.marketPriceMinor, p.currency)}`,
    t('products.margin', { n: percentText(p.marginPercent) }),
  ].join(' · ');

export function ScoreBadge(props: { product: Product }) {
  const score = () => props.product.verdict?.score ?? null;
  const tone = () =>
    props.product.status === 'qualified'
      ? 'bg-brand-soft text-brand-strong'
      : props.product.status === 'rejected'
        ? 'bg-danger-soft text-danger'
        : 'bg-surface-muted text-fg-muted';
  return (
    <span
      class={`inline-flex min-w-10 justify-center rounded-full px-2 py-0.5 text-xs font-semibold tabular-nums ${tone()}`}
      title={t('products.scoreTitle')}
    >
      {score() === null ? '—' : score()}
    </span>
  );
}

export function StatusBadge(props: { status: Product['status'] }) {
  return (
    <span
      class={`rounded-full px-2 py-0.5 text-xs font-medium ${
        props.status === 'qualified'
          ? 'bg-brand-soft text-brand-strong'
          : props.status === 'rejected'
            ? 'bg-danger-soft text-danger'
            : 'bg-surface-muted text-fg-muted'
      }`}
    >
      {t(`products.status_${props.status}`)}
    </span>
  );
}

/** One reason as a sentence, with the numbers that decided it. */
export function reasonText(reason: ViabilityReason, currency: string): string {
  const money = (minor: number) => formatMoney(minor, currency);
  switch (reason.code) {
    case 'category':
      return t(reason.ok ? 'products.reason_category_ok' : 'products.reason_category_no', {
        category: categoryLabel(reason.category),
      });
    case 'blocked_term':
      return t('products.reason_blocked_term', {
        term: reason.term,
        field: t(`products.${reason.field}`).toLowerCase(),
      });
    case 'margin':
      return t(reason.ok ? 'products.reason_margin_ok' : 'products.reason_margin_no', {
        margin: percentText(reason.marginPercent),
        min: percentText(reason.minimumPercent),
      });
    case 'cost_below_price':
      return t(reason.ok ? 'products.reason_cost_ok' : 'products.reason_cost_no', {
        cost: money(reason.costMinor),
        price: money(reason.priceMinor),
      });
    case 'price_range':
      return t(reason.ok ? 'products.reason_price_ok' : 'products.reason_price_no', {
        price: money(reason.priceMinor),
        min: money(reason.minMinor),
        max: money(reason.maxMinor),
      });
    case 'markup':
      return t(reason.ok ? 'products.reason_markup_ok' : 'products.reason_markup_no', {
        markup: percentText(reason.markupPercent),
        max: percentText(reason.maxMarkupPercent),
      });
    case 'conversion_potential':
      return t('products.reason_conversion', { score: reason.score });
    case 'competition':
      return t('products.reason_competition', { score: reason.score });
    case 'margin_score':
      return t('products.reason_margin_score', { score: reason.score });
    case 'score':
      return t(reason.ok ? 'products.reason_score_ok' : 'products.reason_score_no', {
        score: reason.score,
        min: reason.minScore,
      });
  }
}

export function ReasonList(props: { product: Product }) {
  return (
    <div class="grid gap-2">
      <ul class="grid gap-1.5 text-sm" aria-label={t('products.reasons')}>
        <For each={props.product.verdict?.reasons ?? []}>
          {(reason) => (
            <li class="flex items-start gap-2">
              <Icon
                name={reason.ok ? 'checkCircle' : 'alert'}
                class={`mt-0.5 size-4 shrink-0 ${reason.ok ? 'text-brand' : 'text-danger'}`}
              />
              <span class="sr-only">{reason.ok ? t('products.passed') : t('products.failed')}</span>
              <span>{reasonText(reason, props.product.currency)}</span>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.product.decision}>
        {(decision) => (
          <p class="text-sm text-fg-muted">
            {t('products.decidedByPerson', {
              status: t(`products.status_${decision().status as ProductStatus}`),
            })}
            <Show when={decision().note}> — “{decision().note}”</Show>
          </p>
        )}
      </Show>
    </div>
  );
}
