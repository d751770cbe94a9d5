/** The campaign itself: its name and objective, and the platform and currency it publishes in. */
import { Show } from 'solid-js';
import type { CampaignDraft } from '../../../../../domain/ads/campaign-doc.ts';
import { AD_OBJECTIVES } from '../../../../../domain/ads/vocabulary.ts';
import { Notice } from '../../../components/Notice.tsx';
import { SelectField } from '../../../components/SelectField.tsx';
import { codeLabel, t } from '../../../lib/i18n.ts';
import { currencySymbol } from '../../../lib/money.ts';
import type { CampaignConnection } from '../campaign-connection.ts';
import { type Errors, Input } from './fields.tsx';

export function CampaignSection(props: {
  room: CampaignConnection;
  draft: CampaignDraft;
  errors: Errors;
  readOnly: boolean;
}) {
  return (
    <section class="card grid gap-3 p-5 sm:grid-cols-2">
      <Input
        label={t('campaigns.campaignName')}
        value={props.draft.name}
        live
        error={props.errors.name}
        disabled={props.readOnly}
        onCommit={(v) => props.room.edit.campaign('name', v)}
      />
      <SelectField
        label={t('campaigns.objective')}
        value={props.draft.objective}
        disabled={props.readOnly}
        onChange={(v) => props.room.edit.campaign('objective', v)}
        options={AD_OBJECTIVES.map((o) => ({
          value: o,
          label: t(`campaigns.objective_${o}`),
        }))}
      />
      <p class="text-sm text-fg-muted sm:col-span-2">
        {t('campaigns.platformCurrency', {
          platform: codeLabel('campaigns.platform_', props.draft.platform),
          currency: currencySymbol(props.draft.currency),
        })}
      </p>
      <Show when={props.errors.adSets}>
        <Notice kind="error" class="sm:col-span-2">
          {props.errors.adSets}
        </Notice>
      </Show>
    </section>
  );
}
