/**
 * The campaign editor, co-edited live through the campaign's room: the campaign, its ad sets
 * (budget in the campaign currency, countries, ages, placements) and their ads (creatives picked
 * from the product, copy, call to action, landing URL with the UTM preview a publish will send).
 * Presence avatars show who is here and where; publishing shows the server's check next to each
 * field and the status live until the platform answers. The autopilot's proposals for this
 * campaign sit at the bottom, linking to the approval queue.
 */
import { A, useParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, type JSX, onCleanup, Show } from 'solid-js';
import type { DraftAd, DraftAdSet } from '../../../../domain/ads/campaign-doc.ts';
import { landingUrlWithUtm } from '../../../../domain/ads/landing-url.ts';
import {
  AD_OBJECTIVES,
  AD_PLACEMENTS,
  type AdPlatformName,
  CALLS_TO_ACTION,
} from '../../../../domain/ads/vocabulary.ts';
import { Button } from '../../components/Button.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { showToast } from '../../components/Toast.tsx';
import { type Creative, campaignsApi, productsApi } from '../../lib/ads-api.ts';
import { ApiError } from '../../lib/api.ts';
import { describeError, type FieldWords, fieldErrorsOf } from '../../lib/errors.ts';
import { codeLabel, t, tp } from '../../lib/i18n.ts';
import { onOrgEvent } from '../../lib/live-events.ts';
import { currencySymbol, formatMoney, moneyInputValue, parseMoney } from '../../lib/money.ts';
import { can, session } from '../../lib/session.ts';
import {
  type CampaignConnection,
  connectCampaign,
  type PresenceState,
  personColor,
} from './campaign-connection.ts';
import { CampaignStatusBadge } from './index.tsx';

type Errors = Record<string, string | undefined>;

function Avatar(props: { user: PresenceState['user']; size?: 'sm' }) {
  const initials = () =>
    props.user.name
      .split(/\s+/)
      .map((w) => w[0])
      .join('')
      .slice(0, 2)
      .toUpperCase() || '?';
  return (
    <span
      class={`grid place-items-center rounded-full font-semibold text-white ring-2 ring-canvas ${props.size === 'sm' ? 'size-6 text-[10px]' : 'size-8 text-xs'}`}
      style={{ background: props.user.color }}
      title={props.user.name}
    >
      {initials()}
    </span>
  );
}

function Presence(props: { people: PresenceState[]; selfId: string }) {
  return (
    <div class="flex items-center gap-2" data-testid="presence">
      <div class="flex -space-x-2" aria-hidden="true">
        <For each={props.people}>{(p) => <Avatar user={p.user} />}</For>
      </div>
      <span class="sr-only">
        {t('ads.peopleHere')}: {props.people.map((p) => p.user.name).join(', ')}
      </span>
    </div>
  );
}

/** A labelled input bound to a shared value; `error` is the publish check's message for it. */
function Input(props: {
  label: string;
  value: string;
  error?: string;
  onCommit: (value: string) => void;
  /** Commit on each keystroke (text) or when the field is left (numbers, money). */
  live?: boolean;
  disabled?: boolean;
  type?: string;
  inputMode?: 'numeric' | 'decimal' | 'text' | 'url';
  class?: string;
  hint?: JSX.Element;
  testId?: string;
}) {
  return (
    <label class={`grid content-start gap-1.5 ${props.class ?? ''}`}>
      <span class="label-text">{props.label}</span>
      <input
        class="input"
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        data-testid={props.testId}
        onInput={(e) => props.live && props.onCommit(e.currentTarget.value)}
        onChange={(e) => !props.live && props.onCommit(e.currentTarget.value)}
      />
      <Show when={props.hint}>
        <span class="help-text">{props.hint}</span>
      </Show>
      <Show when={props.error}>
        <span class="error-text" role="alert">
          {props.error}
        </span>
      </Show>
    </label>
  );
}

/** Headline and body are shared texts: only the changed span is sent (see text-diff.ts). */
function SharedText(props: {
  label: string;
  value: string;
  rows?: number;
  maxLength: number;
  error?: string;
  disabled?: boolean;
  onEdit: (value: string, cursor: number) => void;
}) {
  return (
    <label class="grid content-start gap-1.5">
      <span class="label-text">
        {props.label}{' '}
        <span class="text-fg-muted font-normal">
          {props.value.length}/{props.maxLength}
        </span>
      </span>
      <textarea
        class="input h-auto py-2"
        rows={props.rows ?? 1}
        maxLength={props.maxLength}
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        onInput={(e) =>
          props.onEdit(e.currentTarget.value, e.currentTarget.selectionStart ?? undefined!)
        }
      />
      <Show when={props.error}>
        <span class="error-text" role="alert">
          {props.error}
        </span>
      </Show>
    </label>
  );
}

function AdEditor(props: {
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
    { value: '', label: t('ads.pickCreative') },
    ...ready(kind).map((c) => ({
      value: c.id,
      label:
        kind === 'image'
          ? t('ads.imageN', { n: ready('image').indexOf(c) + 1 })
          : `${c.style ? `[${t(`ads.style_${c.style}`)}] ` : ''}${(c.text ?? '').slice(0, 60)}`,
    })),
  ];
  return (
    <fieldset class="grid gap-3 rounded-lg border border-line p-4" data-testid="ad-editor">
      <legend class="px-1 text-sm font-semibold">{t('ads.adN', { n: props.adIndex + 1 })}</legend>
      <div class="grid gap-3 sm:grid-cols-2">
        <Input
          label={t('ads.adName')}
          value={props.ad.name}
          live
          error={err('name')}
          disabled={props.readOnly}
          onCommit={(v) => props.room.edit.ad(i(), j(), 'name', v)}
        />
        <SelectField
          label={t('ads.callToAction')}
          value={props.ad.callToAction}
          disabled={props.readOnly}
          error={err('callToAction')}
          onChange={(v) => props.room.edit.ad(i(), j(), 'callToAction', v)}
          options={CALLS_TO_ACTION.map((c) => ({ value: c, label: t(`ads.cta_${c}`) }))}
        />
      </div>
      <Show when={props.creatives.length > 0 && !props.readOnly}>
        <div class="grid gap-3 sm:grid-cols-3">
          <SelectField
            label={t('ads.headlineCreative')}
            value={props.ad.creativeRefs.headline ?? ''}
            onChange={(v) => v && pick('headline', v)}
            options={creativeOptions('headline')}
          />
          <SelectField
            label={t('ads.bodyCreative')}
            value={props.ad.creativeRefs.body ?? ''}
            onChange={(v) => v && pick('body', v)}
            options={creativeOptions('body')}
          />
          <SelectField
            label={t('ads.imageCreative')}
            value={props.ad.creativeRefs.image ?? ''}
            onChange={(v) => v && pickImage(v)}
            options={creativeOptions('image')}
          />
        </div>
      </Show>
      <SharedText
        label={t('ads.headline')}
        value={props.ad.headline}
        maxLength={40}
        error={err('headline')}
        disabled={props.readOnly}
        onEdit={(v, cursor) => props.room.edit.adText(i(), j(), 'headline', v, cursor)}
      />
      <SharedText
        label={t('ads.body')}
        value={props.ad.body}
        rows={4}
        maxLength={2000}
        error={err('body')}
        disabled={props.readOnly}
        onEdit={(v, cursor) => props.room.edit.adText(i(), j(), 'body', v, cursor)}
      />
      <Input
        label={t('ads.imageUrl')}
        value={props.ad.imageUrl}
        inputMode="url"
        error={err('imageUrl')}
        disabled={props.readOnly}
        onCommit={(v) => props.room.edit.ad(i(), j(), 'imageUrl', v.trim())}
      />
      <Input
        label={t('ads.landingUrl')}
        value={props.ad.landingUrl}
        inputMode="url"
        error={err('landingUrl')}
        disabled={props.readOnly}
        testId="landing-url"
        onCommit={(v) => props.room.edit.ad(i(), j(), 'landingUrl', v.trim())}
        hint={
          <Show when={utmPreview()} fallback={t('ads.utmHint')}>
            {t('ads.utmPreview')}{' '}
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
            {t('ads.removeAd')}
          </Button>
        </div>
      </Show>
    </fieldset>
  );
}

function newAd(n: number): DraftAd {
  return {
    id: crypto.randomUUID(),
    name: t('ads.adN', { n }),
    headline: '',
    body: '',
    callToAction: 'SHOP_NOW',
    imageUrl: '',
    landingUrl: '',
    creativeRefs: {},
  };
}

function AdSetEditor(props: {
  room: CampaignConnection;
  index: number;
  adSet: DraftAdSet;
  campaignId: string;
  platform: string;
  currency: string;
  creatives: Creative[];
  errors: Errors;
  readOnly: boolean;
  editors: PresenceState[];
}) {
  const path = () => `adSets.${props.index}`;
  const err = (field: string) => props.errors[`${path()}.${field}`];
  const placements = () =>
    (AD_PLACEMENTS[props.platform as AdPlatformName] ?? []) as readonly string[];
  const togglePlacement = (p: string, on: boolean) => {
    const next = on
      ? [...props.adSet.placements, p]
      : props.adSet.placements.filter((x) => x !== p);
    props.room.edit.adSet(props.index, 'placements', next);
  };
  return (
    <section
      class="card grid gap-4 p-5"
      aria-label={props.adSet.name}
      data-testid="ad-set-editor"
      onFocusIn={() => props.room.focus(props.adSet.id)}
    >
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h2 class="text-base font-semibold">{t('ads.adSetN', { n: props.index + 1 })}</h2>
        <div class="flex items-center gap-1">
          <Show when={props.editors.length > 0}>
            <span class="sr-only">
              {t('ads.editingHere')}: {props.editors.map((p) => p.user.name).join(', ')}
            </span>
          </Show>
          <For each={props.editors}>{(p) => <Avatar user={p.user} size="sm" />}</For>
        </div>
      </div>
      <div class="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Input
          label={t('ads.adSetName')}
          value={props.adSet.name}
          live
          error={err('name')}
          disabled={props.readOnly}
          onCommit={(v) => props.room.edit.adSet(props.index, 'name', v)}
        />
        <Input
          label={t('ads.dailyBudget', { currency: currencySymbol(props.currency) })}
          value={moneyInputValue(props.adSet.dailyBudgetMinor, props.currency)}
          inputMode="decimal"
          error={err('dailyBudgetMinor')}
          disabled={props.readOnly}
          testId="daily-budget"
          hint={formatMoney(props.adSet.dailyBudgetMinor, props.currency)}
          onCommit={(v) => {
            const minor = parseMoney(v, props.currency);
            if (minor !== null) props.room.edit.adSet(props.index, 'dailyBudgetMinor', minor);
          }}
        />
        <Input
          label={t('ads.ageMin')}
          value={String(props.adSet.ageMin)}
          inputMode="numeric"
          error={err('ageMin')}
          disabled={props.readOnly}
          onCommit={(v) => props.room.edit.adSet(props.index, 'ageMin', Number(v))}
        />
        <Input
          label={t('ads.ageMax')}
          value={String(props.adSet.ageMax)}
          inputMode="numeric"
          error={err('ageMax')}
          disabled={props.readOnly}
          onCommit={(v) => props.room.edit.adSet(props.index, 'ageMax', Number(v))}
        />
      </div>
      <div class="grid gap-3 sm:grid-cols-2">
        <Input
          label={t('ads.countries')}
          value={props.adSet.countries.join(', ')}
          error={
            err('countries') ??
            Object.entries(props.errors).find(([k]) => k.startsWith(`${path()}.countries.`))?.[1]
          }
          hint={t('ads.countriesHint')}
          disabled={props.readOnly}
          onCommit={(v) =>
            props.room.edit.adSet(
              props.index,
              'countries',
              v
                .split(/[,\s]+/)
                .map((c) => c.trim().toUpperCase())
                .filter(Boolean),
            )
          }
        />
        <fieldset class="grid content-start gap-1.5">
          <legend class="label-text mb-1.5">{t('ads.placements')}</legend>
          <div class="flex flex-wrap gap-3">
            <For each={placements()}>
              {(p) => (
                <label class="flex items-center gap-1.5 text-sm">
                  <input
                    type="checkbox"
                    checked={props.adSet.placements.includes(p)}
                    disabled={props.readOnly}
                    onChange={(e) => togglePlacement(p, e.currentTarget.checked)}
                  />
                  {codeLabel('ads.placement_', p)}
                </label>
              )}
            </For>
          </div>
          <span class="help-text">{t('ads.placementsHint')}</span>
        </fieldset>
      </div>
      <Show when={err('ads')}>
        <Notice kind="error">{err('ads')}</Notice>
      </Show>
      <For each={props.adSet.ads}>
        {(ad, j) => (
          <AdEditor
            room={props.room}
            adSetIndex={props.index}
            adIndex={j()}
            ad={ad}
            campaignId={props.campaignId}
            platform={props.platform}
            creatives={props.creatives}
            errors={props.errors}
            readOnly={props.readOnly}
          />
        )}
      </For>
      <Show when={!props.readOnly}>
        <div class="flex flex-wrap justify-between gap-2">
          <Button
            size="sm"
            icon="plus"
            onClick={() => props.room.edit.addAd(props.index, newAd(props.adSet.ads.length + 1))}
          >
            {t('ads.addAd')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            icon="trash"
            onClick={() => props.room.edit.removeAdSet(props.index)}
          >
            {t('ads.removeAdSet')}
          </Button>
        </div>
      </Show>
    </section>
  );
}

/** The publish check's problems in this page's own words, where the common ones say too little. */
const editorWords = (currency: string): FieldWords => {
  const platform = (p: Record<string, string | number>) =>
    codeLabel('ads.platform_', String(p.platform ?? ''));
  return {
    'adSets:too_few': () => t('ads.errorAdSetsRequired'),
    'ads:too_few': () => t('ads.errorAdsRequired'),
    'countries:too_few': () => t('ads.errorCountriesRequired'),
    'countries:invalid': () => t('ads.errorCountryCode'),
    'ageMax:invalid': () => t('ads.errorAgeRange'),
    'ageMin:too_small': () => t('ads.errorAgeBounds'),
    'ageMin:too_large': () => t('ads.errorAgeBounds'),
    'ageMax:too_small': () => t('ads.errorAgeBounds'),
    'ageMax:too_large': () => t('ads.errorAgeBounds'),
    'dailyBudgetMinor:too_small': (p) =>
      t('ads.errorBudgetMin', { min: formatMoney(Number(p.min), currency) }),
    https_required: (p) => t('ads.errorHttpsRequired', { platform: platform(p) }),
    placement_unknown: (p) => t('ads.errorPlacementUnknown', { platform: platform(p) }),
  };
};

export default function CampaignEditorPage() {
  const params = useParams<{ id: string }>();
  const [campaign, { refetch }] = createResource(() => params.id, campaignsApi.get);
  const user = session.user!;
  const room = connectCampaign(params.id, {
    id: user.id,
    name: user.name || user.email,
    color: personColor(user.id),
  });
  const productId = () => room.draft.value?.productId ?? campaign.latest?.productId ?? null;
  const [creatives] = createResource(productId, (id) => productsApi.creatives(id));
  const [errors, setErrors] = createSignal<Errors>({});
  const [publishError, setPublishError] = createSignal<string | null>(null);
  const [publishing, setPublishing] = createSignal(false);
  const readOnly = () => !can('ads:write') || campaign.latest?.status === 'publishing';
  const currency = () => room.draft.value?.currency ?? campaign.latest?.currency ?? 'BRL';
  const platform = () => room.draft.value?.platform ?? campaign.latest?.platform ?? 'sandbox';
  const editorsOf = createMemo(() => {
    const byTarget = new Map<string, PresenceState[]>();
    for (const p of room.people())
      if (p.user.id !== user.id && p.focus)
        byTarget.set(p.focus, [...(byTarget.get(p.focus) ?? []), p]);
    return byTarget;
  });

  onCleanup(
    onOrgEvent((event) => {
      if (event.type === 'campaign' && event.campaignId === params.id) void refetch();
    }),
  );

  const publish = async () => {
    setPublishing(true);
    setErrors({});
    setPublishError(null);
    try {
      await campaignsApi.publish(params.id);
      await refetch();
      showToast({ title: t('ads.publishQueued') });
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        const fields = fieldErrorsOf(err, editorWords(currency()));
        setErrors(fields);
        setPublishError(tp('ads.publishInvalid', Object.keys(fields).length));
      } else setPublishError(describeError(err));
    } finally {
      setPublishing(false);
    }
  };

  const addAdSet = () =>
    room.edit.addAdSet({
      id: crypto.randomUUID(),
      name: t('ads.adSetN', { n: (room.draft.value?.adSets.length ?? 0) + 1 }),
      dailyBudgetMinor: 5_000,
      countries: ['BR'],
      ageMin: 18,
      ageMax: 65,
      placements: [],
      ads: [newAd(1)],
    });

  return (
    <>
      <A
        href="/campaigns"
        class="focus-ring mb-3 inline-flex items-center gap-1 text-sm text-fg-muted"
      >
        <Icon name="arrowLeft" class="size-4" /> {t('sections.campaigns')}
      </A>
      <PageHeader
        title={room.draft.value?.name || campaign.latest?.name || t('ads.campaign')}
        description={t('ads.editorDescription')}
        actions={
          <>
            <Presence people={room.people()} selfId={user.id} />
            <Show when={campaign.latest}>{(c) => <CampaignStatusBadge status={c().status} />}</Show>
            <Show when={campaign.latest?.publishedAt}>
              <A href={`/campaigns/${params.id}/results`} class="btn-secondary">
                {t('ads.results')}
              </A>
            </Show>
            <Show when={can('ads:write')}>
              <Button
                variant="primary"
                busy={publishing() || campaign.latest?.status === 'publishing'}
                onClick={publish}
              >
                {campaign.latest?.publishedAt ? t('ads.republish') : t('ads.publish')}
              </Button>
            </Show>
          </>
        }
      />
      <div class="grid gap-4">
        <Show when={!room.connected()}>
          <Notice kind="info">{t('ads.connecting')}</Notice>
        </Show>
        <Show when={campaign.latest?.status === 'publishing'}>
          <div class="grid gap-1" role="status">
            <ProgressBar label={t('ads.publishingNow')} />
            <p class="text-sm text-fg-muted">{t('ads.publishingNow')}</p>
          </div>
        </Show>
        <Show when={campaign.latest?.status === 'error' && campaign.latest?.error}>
          <Notice kind="error">{t('ads.publishFailed', { error: campaign.latest!.error! })}</Notice>
        </Show>
        <Show when={campaign.latest?.status === 'active'}>
          <Notice kind="success">{t('ads.publishedActive')}</Notice>
        </Show>
        <Show when={publishError()}>
          <Notice kind="error">{publishError()}</Notice>
        </Show>
        <Show when={room.draft.value}>
          {(draft) => (
            <>
              <section class="card grid gap-3 p-5 sm:grid-cols-2">
                <Input
                  label={t('ads.campaignName')}
                  value={draft().name}
                  live
                  error={errors().name}
                  disabled={readOnly()}
                  onCommit={(v) => room.edit.campaign('name', v)}
                />
                <SelectField
                  label={t('ads.objective')}
                  value={draft().objective}
                  disabled={readOnly()}
                  onChange={(v) => room.edit.campaign('objective', v)}
                  options={AD_OBJECTIVES.map((o) => ({ value: o, label: t(`ads.objective_${o}`) }))}
                />
                <p class="text-sm text-fg-muted sm:col-span-2">
                  {t('ads.platformCurrency', {
                    platform: codeLabel('ads.platform_', draft().platform),
                    currency: currencySymbol(draft().currency),
                  })}
                </p>
                <Show when={errors().adSets}>
                  <Notice kind="error" class="sm:col-span-2">
                    {errors().adSets}
                  </Notice>
                </Show>
              </section>
              <For each={draft().adSets}>
                {(adSet, i) => (
                  <AdSetEditor
                    room={room}
                    index={i()}
                    adSet={adSet}
                    campaignId={params.id}
                    platform={platform()}
                    currency={currency()}
                    creatives={creatives.latest?.items ?? []}
                    errors={errors()}
                    readOnly={readOnly()}
                    editors={editorsOf().get(adSet.id) ?? []}
                  />
                )}
              </For>
              <Show when={!readOnly()}>
                <Button icon="plus" onClick={addAdSet}>
                  {t('ads.addAdSet')}
                </Button>
              </Show>
            </>
          )}
        </Show>
        <Show when={room.draft.proposals.length > 0}>
          <section class="card grid gap-2 p-5">
            <h2 class="text-base font-semibold">{t('ads.roomProposals')}</h2>
            <ul class="grid gap-1 text-sm">
              <For each={room.draft.proposals}>
                {(p) => (
                  <li>
                    {p.summary} — {t(`ads.proposal_${p.status}`)}
                  </li>
                )}
              </For>
            </ul>
            <A href="/autopilot" class="text-sm text-brand hover:underline">
              {t('ads.openApprovals')}
            </A>
          </section>
        </Show>
      </div>
    </>
  );
}
