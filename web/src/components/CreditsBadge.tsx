/**
 * The header's credit count: what is available now, with the balance and held credits on hover.
 * Its words are in the shell's dictionary, so the top bar does not load the credits page's.
 */
import { A } from '@solidjs/router';
import { createEffect, Show } from 'solid-js';
import { credits, loadCredits } from '../lib/credits.ts';
import { formatNumber, t } from '../lib/i18n.ts';
import { session } from '../lib/session.ts';
import { Icon } from './Icon.tsx';
import { Tooltip } from './Tooltip.tsx';

export function CreditsBadge() {
  createEffect(() => {
    const orgId = session.activeOrg?.id;
    if (orgId && !session.offline) loadCredits(orgId).catch(() => undefined);
  });
  const details = () =>
    t('shell.creditsDetails', {
      balance: formatNumber(credits.balance),
      held: formatNumber(credits.held),
      available: formatNumber(credits.available),
    });
  return (
    <Show when={credits.loaded}>
      <Tooltip content={details()} placement="bottom">
        <A
          href="/credits"
          class="focus-ring inline-flex h-9 items-center gap-1.5 rounded-lg px-2.5 text-sm font-medium text-fg hover:bg-surface-muted"
        >
          {/* Named by what it shows ("4.870 créditos"), then the details the tooltip gives. */}
          <Icon name="coins" class="size-[18px] text-brand" />
          <span data-testid="credits-available" class="tabular-nums">
            {formatNumber(credits.available)}
          </span>
          <span class="sr-only text-fg-muted sm:not-sr-only">{t('shell.creditsUnit')}</span>
          <span class="sr-only">. {details()}</span>
        </A>
      </Tooltip>
    </Show>
  );
}
