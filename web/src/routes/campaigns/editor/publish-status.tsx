/**
 * Where publishing stands: connecting to the draft, publishing now, the platform's failure, live
 * on the platform, or the publish check's own refusal.
 */
import { Show } from 'solid-js';
import { Notice } from '../../../components/Notice.tsx';
import { ProgressBar } from '../../../components/ProgressBar.tsx';
import type { Campaign } from '../../../lib/ads-api.ts';
import { t } from '../../../lib/i18n.ts';

export function PublishStatus(props: {
  connected: boolean;
  campaign: Campaign | undefined;
  publishError: string | null;
}) {
  return (
    <>
      <Show when={!props.connected}>
        <Notice kind="info">{t('campaigns.connecting')}</Notice>
      </Show>
      <Show when={props.campaign?.status === 'publishing'}>
        <div class="grid gap-1" role="status">
          <ProgressBar label={t('campaigns.publishingNow')} />
          <p class="text-sm text-fg-muted">{t('campaigns.publishingNow')}</p>
        </div>
      </Show>
      <Show when={props.campaign?.status === 'error' && props.campaign?.error}>
        <Notice kind="error">
          {t('campaigns.publishFailed', { error: props.campaign!.error! })}
        </Notice>
      </Show>
      <Show when={props.campaign?.status === 'active'}>
        <Notice kind="success">{t('campaigns.publishedActive')}</Notice>
      </Show>
      <Show when={props.publishError}>
        <Notice kind="error">{props.publishError}</Notice>
      </Show>
    </>
  );
}
