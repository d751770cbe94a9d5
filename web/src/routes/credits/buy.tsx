/**
 * Buying credits: the packs in the org's currency; "Buy" opens the payment page in a new tab, so
 * this one stays open and shows the balance rise the moment the payment is confirmed.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { Button } from '../../components/Button.tsx';
import { Notice } from '../../components/Notice.tsx';
import { SkeletonRows } from '../../components/Skeleton.tsx';
import { api } from '../../lib/api.ts';
import { describeError } from '../../lib/errors.ts';
import { formatNumber, t } from '../../lib/i18n.ts';
import { formatMoney } from '../../lib/money.ts';
import { can, session } from '../../lib/session.ts';

export interface Catalog {
  currency: string;
  packs: { id: string; credits: number; amountMinor: number }[];
}

export function BuyCredits(props: { catalog: Catalog | undefined; catalogError?: unknown }) {
  const [buying, setBuying] = createSignal<string | null>(null);
  const [waiting, setWaiting] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const buy = async (packId: string) => {
    setError(null);
    setBuying(packId);
    // Opened now, inside the click, so no popup blocker stops it; pointed at the payment page below.
    const tab = window.open('', '_blank');
    try {
      const session = await api<{ url: string }>('/billing/checkout', {
        method: 'POST',
        body: { packId },
      });
      if (tab) {
        tab.opener = null;
        tab.location.href = session.url;
        setWaiting(true);
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
      <Show when={waiting()}>
        <Notice kind="info">{t('credits.waitingPayment')}</Notice>
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
    () => api<Catalog>('/billing/catalog'),
  );
