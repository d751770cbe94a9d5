/**
 * One ad of an ad set: creatives picked from the product, copy as shared text, call to action,
 * image and the landing URL with the UTM preview a publish will send.
 */
import { Show } from 'solid-js';
import type { DraftAd } from '../../../../../domain/ads/campaign-doc.ts';
import { landingUrlWithUtm } from '../../../../../domain/ads/landing-url.ts';
import { CALLS_TO_ACTION } from '../../../../../domain/ads/vocabulary.ts';
import { Button } from '../../../components/Button.tsx';
import { SelectField } from '../../../components/SelectField.tsx';
import type { Creative } from '../../../lib/ads-api.ts';
import { t } from '../../../lib/i18n.ts';
import type { CampaignConnection } from '../campaign-connection.ts';
import { type Errors, Input, SharedText } from './fields.tsx';

export function AdEditor(props: {
  room: CampaignConnection;
  adSetIndex: number;
  adIndex: number;
  ad: DraftAd;
  campaignId: string;
  platform: string;
  creatives: Creative[];
  errors: Errors;
  readOnly: boolean;
}) {
  const path = () => `adSets.${props.adSetIndex}.ads.${props.adIndex}`;
  const err = (field: string) => props.errors[`${path()}.${field}`];
  const i = () => props.adSetIndex;
  const j = () => props.adIndex;
  const ready = (kind: Creative['kind']) =>
    props.creatives.filter((c) => c.kind === kind && c.status === 'ready');
  const pick = (kind: 'headline' | 'body' | 'cta', id: string) => {
    const creative = props.creatives.find((c) => c.id === id);
    if (!creative?.text) return;
    props.room.edit.creativeRef(i(), j(), kind, id);
    if (kind === 'cta') return;
    props.room.edit.adText(i(), j(), kind, creative.text);
  };
  const pickImage = (id: string) => {
    const creative = props.creatives.find((c) => c.id === id);
    if (!creative?.media) return;
    props.room.edit.creativeRef(i(), j(), 'image', id);
    props.room.edit.ad(i(), j(), 'imageUrl', `${location.origin}${creative.media.url}`);
  };
  const utmPreview = () => {
    try {
      return landingUrlWithUtm(props.ad.landingUrl, {
        platform: props.platform,
        campaignId: props.campaignId,
        adId: props.ad.id,
      });
    } catch {
      return null;
    }
  };
  const creativeOptions = (kind: Creative['kind']) => [
    { value: '', label: t('campaigns.pickCreative') },
    ...ready(kind).map((c) => ({
      value: c.id,
      label:
        kind === 'image'
          ? t('campaigns.imageN', { n: ready('image').indexOf(c) + 1 })
          : `${c.style ? `[${t(`creatives.style_${c.style}`)}] ` : ''}${(c.text ?? '').slice(0, 60)}`,
    })),
  ];
  return (
    <fieldset class="grid gap-3 rounded-lg border border-line p-4" data-testid="ad-editor">
      <legend class="px-1 text-sm font-semibold">
        {t('campaigns.adN', { n: props.adIndex + 1 })}
      </legend>
      <div class="grid gap-3 sm:grid-cols-2">
        <Input
          label={t('campaigns.adName')}
          value={props.ad.name}
          live
          error={err('name')}
          disabled={props.readOnly}
          onCommit={(v) => props.room.edit.ad(i(), j(), 'name', v)}
        />
        <SelectField
          label={t('campaigns.callToAction')}
          value={props.ad.callToAction}
          disabled={props.readOnly}
          error={err('callToAction')}
          onChange={(v) => props.room.edit.ad(i(), j(), 'callToAction', v)}
          options={CALLS_TO_ACTION.map((c) => ({ value: c, label: t(`campaigns.cta_${c}`) }))}
        />
      </div>
      <Show when={props.creatives.length > 0 && !props.readOnly}>
        <div class="grid gap-3 sm:grid-cols-3">
          <SelectField
            label={t('campaigns.headlineCreative')}
            value={props.ad.creativeRefs.headline ?? ''}
            onChange={(v) => v && pick('headline', v)}
            options={creativeOptions('headline')}
          />
          <SelectField
            label={t('campaigns.bodyCreative')}
            value={props.ad.creativeRefs.body ?? ''}
            onChange={(v) => v && pick('body', v)}
            options={creativeOptions('body')}
          />
          <SelectField
            label={t('campaigns.imageCreative')}
            value={props.ad.creativeRefs.image ?? ''}
            onChange={(v) => v && pickImage(v)}
            options={creativeOptions('image')}
          />
        </div>
      </Show>
      <SharedText
        label={t('campaigns.headline')}
        value={props.ad.headline}
        maxLength={40}
        error={err('headline')}
        disabled={props.readOnly}
        onEdit={(v, cursor) => props.room.edit.adText(i(), j(), 'headline', v, cursor)}
      />
      <SharedText
        label={t('campaigns.body')}
        value={props.ad.body}
        rows={4}
        maxLength={2000}
        error={err('body')}
        disabled={props.readOnly}
        onEdit={(v, cursor) => props.room.edit.adText(i(), j(), 'body', v, cursor)}
      />
      <Input
        label={t('campaigns.imageUrl')}
        value={props.ad.imageUrl}
        inputMode="url"
        error={err('imageUrl')}
        disabled={props.readOnly}
        onCommit={(v) => props.room.edit.ad(i(), j(), 'imageUrl', v.trim())}
      />
      <Input
        label={t('campaigns.landingUrl')}
        value={props.ad.landingUrl}
        inputMode="url"
        error={err('landingUrl')}
        disabled={props.readOnly}
        testId="landing-url"
        onCommit={(v) => props.room.edit.ad(i(), j(), 'landingUrl', v.trim())}
        hint={
          <Show when={utmPreview()} fallback={t('campaigns.utmHint')}>
            {t('campaigns.utmPreview')}{' '}
            <code class="break-all text-[11px]" data-testid="utm-preview">
              {utmPreview()}
            </code>
          </Show>
        }
      />
      <Show when={!props.readOnly}>
        <div class="flex justify-end">
          <Button
            size="sm"
            variant="ghost"
            icon="trash"
            onClick={() => props.room.edit.removeAd(i(), j())}
          >
            {t('campaigns.removeAd')}
          </Button>
        </div>
      </Show>
    </fieldset>
  );
}

/** A blank ad, named by its place in the ad set. */
export function newAd(n: number): DraftAd {
  return {
    id: crypto.randomUUID(),
    name: t('campaigns.adN', { n }),
    headline: '',
    body: '',
    callToAction: 'SHOP_NOW',
    imageUrl: '',
    landingUrl: '',
    creativeRefs: {},
  };
}
