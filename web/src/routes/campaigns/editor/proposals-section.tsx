/** The autopilot's proposals for this campaign, as the room holds them, linking to the approval queue. */
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { Proposal } from '../../../../../domain/ads/campaign-doc.ts';
import { t } from '../../../lib/i18n.ts';

export function ProposalsSection(props: { proposals: Proposal[] }) {
  return (
    <Show when={props.proposals.length > 0}>
      <section class="card grid gap-2 p-5">
        <h2 class="text-base font-semibold">{t('campaigns.roomProposals')}</h2>
        <ul class="grid gap-1 text-sm">
          <For each={props.proposals}>
            {(p) => (
              <li>
                {p.summary} — {t(`campaigns.proposal_${p.status}`)}
              </li>
            )}
          </For>
        </ul>
        <A href="/autopilot" class="text-sm text-brand hover:underline">
          {t('campaigns.openApprovals')}
        </A>
      </section>
    </Show>
  );
}
