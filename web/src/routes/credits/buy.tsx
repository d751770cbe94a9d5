/**
 * Buying credits: the packs in the org's currency, each with its price per credit and what it
 * saves; "Buy" opens the payment page (card, PIX or boleto) in a new tab, so this one stays open.
 * The payment provider's news about that checkout (`billing.checkout` live events) replaces the
 * "waiting" note: paid, a boleto issued and waiting for the bank, or a boleto that lapsed.
 */
import { createMemo, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { Button } from '../../components/Button.tsx';
import { Notice } from '../../components/Notice.tsx';
import { SkeletonRows } from '../../components/Skeleton.tsx';
import { type Answer, type Body, call, client } from '../../lib/api.ts';
import { describeError } from '../../lib/errors.ts';
import { formatNumber, t } from '../../lib/i18n.ts';
import { onOrgEvent } from '../../lib/live-events.ts';
import { formatMoney, formatUnitPrice } from '../../lib/money.ts';
import { can, session } from '../../lib/session.ts';
import { packValues } from './pack-value.ts';

/** Where the checkout opened from this page stands. */
type CheckoutState = 'waiting' | 'paid' | 'pending' | 'failed';

const CHECKOUT_NOTICE = {
  waiting: { kind: 'info', text: 'credits.waitingPayment' },
  paid: { kind: 'success', text: 'credits.paymentConfirmed' },
  pending: { kind: 'info', text: 'credits.paymentPending' },
  failed: { kind: 'error', text: 'credits.paymentFailed' },
} as const;

export type Catalog = Answer<'/api/v1/billing/catalog', 'get'>;

export function BuyCredits(props: { catalog: Catalog | undefined; catalogError?: unknown }) {
  const [buying, setBuying] = createSignal<string | null>(null);
  const [checkout, setCheckout] = createSignal<{ id: string; state: CheckoutState } | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const values = createMemo(() => packValues(props.catalog?.packs ?? []));

  onCleanup(
    onOrgEvent((event) => {
      const current = checkout();
      if (!current || event.type !== 'billing.checkout' || event.checkoutId !== current.id) return;
      if (event.status === 'paid' || event.status === 'pending' || event.status === 'failed')
        setCheckout({ id: current.id, state: event.status });
    }),
  );

  const buy = async (packId: string) => {
    setError(null);
    setBuying(packId);
    // Opened now, inside the click, so no popup blocker stops it; pointed at the payment page below.
    const tab = window.open('', '_blank');
    try {
      // The catalog lists ids as plain text; the checkout names the packs it sells.
      const body = { packId: packId as Body<'/api/v1/billing/checkout', 'post'>['packId'] };
      const session = await call(client.POST('/api/v1/billing/checkout', { body }));
      if (tab) {
        tab.opener = null;
        tab.location.href = session.url;
        setCheckout({ id: session.id, state: 'waiting' });
      } else location.assign(session.url);
    } catch (err) {
      tab?.close();
      setError(describeError(err));
    } finally {
      setBuying(null);
    }
  };

  return (
    <section class="card grid gap-4 p-5" aria-labelledby="buy-credits-title">
      <div class="grid gap-1">
        <h2 id="buy-credits-title" class="text-base font-semibold text-fg">
          {t('credits.buyTitle')}
        </h2>
        <p class="text-sm text-fg-muted">{t('credits.buyBody')}</p>
      </div>
      <Show when={!can('billing:purchase')}>
        <Notice kind="info">{t('credits.buyNoAccess')}</Notice>
      </Show>
      <Show when={props.catalogError}>
        <Notice kind="error">{describeError(props.catalogError)}</Notice>
      </Show>
      <Show
        when={props.catalog}
        fallback={
          <Show when={!props.catalogError}>
            <SkeletonRows rows={2} label={t('common.loading')} />
          </Show>
        }
      >
        {(catalog) => (
          <ul class="grid gap-3 sm:grid-cols-3">
            <For each={catalog().packs}>
              {(pack) => (
                <li class="grid gap-2 rounded-xl border border-line p-4" data-testid="credit-pack">
                  <p class="text-2xl font-semibold tabular-nums text-fg">
                    {formatNumber(pack.credits)}
                    <span class="ml-1 text-sm font-normal text-fg-muted">{t('credits.unit')}</span>
                  </p>
                  <p class="text-sm text-fg-muted">
                    {formatMoney(pack.amountMinor, catalog().currency)}
                  </p>
                  <p class="flex flex-wrap items-center gap-2 text-xs text-fg-muted">
                    <span data-testid="pack-per-credit">
                      {t('credits.perCredit', {
                        price: formatUnitPrice(
                          values().get(pack.id)?.perCreditMinor ?? 0,
                          catalog().currency,
                        ),
                      })}
                    </span>
                    <Show when={(values().get(pack.id)?.savingPercent ?? 0) > 0}>
                      <span
                        class="rounded-full bg-brand-soft px-2 py-0.5 font-semibold text-brand-strong"
                        data-testid="pack-saving"
                      >
                        {t('credits.saving', { percent: values().get(pack.id)!.savingPercent })}
                      </span>
                    </Show>
                  </p>
                  <Button
                    variant="primary"
                    size="sm"
                    busy={buying() === pack.id}
                    disabled={!can('billing:purchase') || !!buying()}
                    onClick={() => buy(pack.id)}
                    aria-label={t('credits.buyPack', {
                      n: formatNumber(pack.credits),
                      price: formatMoney(pack.amountMinor, catalog().currency),
                    })}
                  >
                    {t('credits.buy')}
                  </Button>
                </li>
              )}
            </For>
          </ul>
        )}
      </Show>
      <Show when={checkout()} keyed>
        {(current) => (
          <Notice kind={CHECKOUT_NOTICE[current.state].kind}>
            <span data-testid="checkout-state" data-state={current.state}>
              {t(CHECKOUT_NOTICE[current.state].text)}
            </span>
          </Notice>
        )}
      </Show>
      <Show when={error()}>
        <Notice kind="error">{error()}</Notice>
      </Show>
    </section>
  );
}

/** The catalog for the active org (prices in its currency). */
export const createCatalog = () =>
  createResource(
    () => session.activeOrg?.id,
    () => call(client.GET('/api/v1/billing/catalog')),
  );
