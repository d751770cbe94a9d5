/**
 * One ad set: name, daily budget in the campaign currency, ages, countries and the platform's
 * placements, with who is editing it and its ads.
 */
import { For, Show } from 'solid-js';
import type { DraftAdSet } from '../../../../../domain/ads/campaign-doc.ts';
import { AD_PLACEMENTS, type AdPlatformName } from '../../../../../domain/ads/vocabulary.ts';
import { Button } from '../../../components/Button.tsx';
import { Notice } from '../../../components/Notice.tsx';
import type { Creative } from '../../../lib/ads-api.ts';
import { codeLabel, t } from '../../../lib/i18n.ts';
import { currencySymbol, formatMoney, moneyInputValue, parseMoney } from '../../../lib/money.ts';
import type { CampaignConnection, PresenceState } from '../campaign-connection.ts';
import { AdEditor, newAd } from './ad-editor.tsx';
import { type Errors, Input } from './fields.tsx';
import { Avatar } from './presence.tsx';

export function AdSetEditor(props: {
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
        <h2 class="text-base font-semibold">{t('campaigns.adSetN', { n: props.index + 1 })}</h2>
        <div class="flex items-center gap-1">
          <Show when={props.editors.length > 0}>
            <span class="sr-only">
              {t('campaigns.editingHere')}: {props.editors.map((p) => p.user.name).join(', ')}
            </span>
          </Show>
          <For each={props.editors}>{(p) => <Avatar user={p.user} size="sm" />}</For>
        </div>
      </div>
      <div class="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Input
          label={t('campaigns.adSetName')}
          value={props.adSet.name}
          live
          error={err('name')}
          disabled={props.readOnly}
          onCommit={(v) => props.room.edit.adSet(props.index, 'name', v)}
        />
        <Input
          label={t('campaigns.dailyBudget', { currency: currencySymbol(props.currency) })}
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
          label={t('campaigns.ageMin')}
          value={String(props.adSet.ageMin)}
          inputMode="numeric"
          error={err('ageMin')}
          disabled={props.readOnly}
          onCommit={(v) => props.room.edit.adSet(props.index, 'ageMin', Number(v))}
        />
        <Input
          label={t('campaigns.ageMax')}
          value={String(props.adSet.ageMax)}
          inputMode="numeric"
          error={err('ageMax')}
          disabled={props.readOnly}
          onCommit={(v) => props.room.edit.adSet(props.index, 'ageMax', Number(v))}
        />
      </div>
      <div class="grid gap-3 sm:grid-cols-2">
        <Input
          label={t('campaigns.countries')}
          value={props.adSet.countries.join(', ')}
          error={
            err('countries') ??
            Object.entries(props.errors).find(([k]) => k.startsWith(`${path()}.countries.`))?.[1]
          }
          hint={t('campaigns.countriesHint')}
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
          <legend class="label-text mb-1.5">{t('campaigns.placements')}</legend>
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
                  {codeLabel('campaigns.placement_', p)}
                </label>
              )}
            </For>
          </div>
          <span class="help-text">{t('campaigns.placementsHint')}</span>
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
            {t('campaigns.addAd')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            icon="trash"
            onClick={() => props.room.edit.removeAdSet(props.index)}
          >
            {t('campaigns.removeAdSet')}
          </Button>
        </div>
      </Show>
    </section>
  );
}
