/**
 * Credits: balance, held and available (live), buying packs, usage charts, the statement, and for
 * owners and admins the invoice details, spend limits, auto-recharge and the price table.
 */
import { Tabs } from '@kobalte/core/tabs';
import { useSearchParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { Permission } from '../../../../domain/permissions.ts';
import { Notice } from '../../components/Notice.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SkeletonLine } from '../../components/Skeleton.tsx';
import type { MessageKey } from '../../i18n/index.ts';
import { credits } from '../../lib/credits.ts';
import { formatNumber, t } from '../../lib/i18n.ts';
import { can } from '../../lib/session.ts';
import { BillingDetailsForm } from './billing-details.tsx';
import { BuyCredits, createCatalog } from './buy.tsx';
import { PriceTableView } from './prices.tsx';
import { CreditSettingsForm } from './settings.tsx';
import { Statement } from './statement.tsx';
import { UsageCharts } from './usage.tsx';

const TABS: { id: string; label: MessageKey; permission?: Permission }[] = [
  { id: 'overview', label: 'credits.tabOverview' },
  { id: 'statement', label: 'credits.tabStatement' },
  { id: 'settings', label: 'credits.tabSettings', permission: 'credits:manage' },
  { id: 'prices', label: 'credits.tabPrices', permission: 'prices:read' },
];

function BalanceCard(props: {
  label: string;
  value: number;
  hint: string;
  testId: string;
  strong?: boolean;
}) {
  return (
    <div
      class={`card grid content-start gap-1 p-3 sm:p-5 ${props.strong ? 'border-brand/40' : ''}`}
    >
      <p class="text-xs text-fg-muted sm:text-sm">{props.label}</p>
      <Show when={credits.loaded} fallback={<SkeletonLine class="my-2 w-16 sm:w-24" />}>
        <p
          class="text-xl font-semibold tabular-nums text-fg sm:text-3xl"
          data-testid={props.testId}
        >
          {formatNumber(props.value)}
        </p>
      </Show>
      {/* On a phone the three figures share one row; their explanations stay for screen readers. */}
      <p class="help-text sr-only sm:not-sr-only">{props.hint}</p>
    </div>
  );
}

export default function CreditsPage() {
  const [params, setParams] = useSearchParams<{ tab?: string; checkout?: string }>();
  const [catalog] = createCatalog();
  const tabs = () => TABS.filter((tab) => !tab.permission || can(tab.permission));
  const tab = () => (tabs().some((x) => x.id === params.tab) ? params.tab! : 'overview');

  return (
    <div class="grid gap-4 sm:gap-6">
      <PageHeader title={t('credits.title')} description={t('credits.description')} />
      <Show when={params.checkout === 'success'}>
        <Notice kind="success">{t('credits.checkoutSuccess')}</Notice>
      </Show>
      <Show when={params.checkout === 'cancelled'}>
        <Notice kind="info">{t('credits.checkoutCancelled')}</Notice>
      </Show>
      <div class="grid grid-cols-3 gap-2 sm:gap-4" aria-live="polite">
        <BalanceCard
          label={t('credits.available')}
          value={credits.available}
          hint={t('credits.availableHint')}
          testId="balance-available"
          strong
        />
        <BalanceCard
          label={t('credits.balance')}
          value={credits.balance}
          hint={t('credits.balanceHint')}
          testId="balance-total"
        />
        <BalanceCard
          label={t('credits.held')}
          value={credits.held}
          hint={t('credits.heldHint')}
          testId="balance-held"
        />
      </div>
      <Tabs
        value={tab()}
        onChange={(value) => setParams({ tab: value, checkout: undefined })}
        class="grid gap-4 sm:gap-6"
      >
        {/* Wraps rather than scrolls on a narrow screen, so no tab hides past the edge. */}
        <Tabs.List
          class="flex flex-wrap gap-x-1 border-b border-line"
          aria-label={t('credits.sections')}
        >
          <For each={tabs()}>
            {(item) => (
              <Tabs.Trigger
                value={item.id}
                class="focus-ring -mb-px whitespace-nowrap rounded-t-lg border-b-2 border-transparent px-3 py-2 text-sm font-medium text-fg-muted hover:text-fg data-[selected]:(border-brand text-brand-strong)"
              >
                {t(item.label)}
              </Tabs.Trigger>
            )}
          </For>
        </Tabs.List>
        <Tabs.Content value="overview" class="grid gap-6">
          <BuyCredits catalog={catalog()} catalogError={catalog.error} />
          <UsageCharts />
          <Show when={can('billing:purchase')}>
            <BillingDetailsForm />
          </Show>
        </Tabs.Content>
        <Tabs.Content value="statement">
          <Statement />
        </Tabs.Content>
        <Show when={can('credits:manage')}>
          <Tabs.Content value="settings">
            <CreditSettingsForm catalog={catalog()} />
          </Tabs.Content>
        </Show>
        <Show when={can('prices:read')}>
          <Tabs.Content value="prices">
            <PriceTableView />
          </Tabs.Content>
        </Show>
      </Tabs>
    </div>
  );
}
