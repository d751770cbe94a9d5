/**
 * The campaign editor, co-edited live through the campaign's room: the campaign, its ad sets
 * (budget in the campaign currency, countries, ages, placements) and their ads (creatives picked
 * from the product, copy, call to action, landing URL with the UTM preview a publish will send).
 * Presence avatars show who is here and where; publishing shows the server's check next to each
 * field and the status live until the platform answers. The autopilot's proposals for this
 * campaign sit at the bottom, linking to the approval queue. Each section is its own file here.
 */
import { A, useParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { Button } from '../../../components/Button.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { showToast } from '../../../components/Toast.tsx';
import { campaignsApi, productsApi } from '../../../lib/ads-api.ts';
import { ApiError } from '../../../lib/api.ts';
import { describeError, fieldErrorsOf } from '../../../lib/errors.ts';
import { t, tp } from '../../../lib/i18n.ts';
import { onOrgEvent } from '../../../lib/live-events.ts';
import { personColor } from '../../../lib/person-avatar.ts';
import { can, session } from '../../../lib/session.ts';
import { connectCampaign, type PresenceState } from '../campaign-connection.ts';
import { CampaignStatusBadge } from '../index.tsx';
import { newAd } from './ad-editor.tsx';
import { AdSetEditor } from './ad-set-editor.tsx';
import { CampaignSection } from './campaign-section.tsx';
import type { Errors } from './fields.tsx';
import { Presence } from './presence.tsx';
import { ProposalsSection } from './proposals-section.tsx';
import { PublishStatus } from './publish-status.tsx';
import { editorWords } from './publish-words.ts';

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
      showToast({ title: t('campaigns.publishQueued') });
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        const fields = fieldErrorsOf(err, editorWords(currency()));
        setErrors(fields);
        setPublishError(tp('campaigns.publishInvalid', Object.keys(fields).length));
      } else setPublishError(describeError(err));
    } finally {
      setPublishing(false);
    }
  };

  const addAdSet = () =>
    room.edit.addAdSet({
      id: crypto.randomUUID(),
      name: t('campaigns.adSetN', { n: (room.draft.value?.adSets.length ?? 0) + 1 }),
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
        title={room.draft.value?.name || campaign.latest?.name || t('campaigns.campaign')}
        description={t('campaigns.editorDescription')}
        actions={
          <>
            <Presence people={room.people()} selfId={user.id} />
            <Show when={campaign.latest}>{(c) => <CampaignStatusBadge status={c().status} />}</Show>
            <Show when={campaign.latest?.publishedAt}>
              <A href={`/campaigns/${params.id}/results`} class="btn-secondary">
                {t('campaigns.results')}
              </A>
            </Show>
            <Show when={can('ads:write')}>
              <Button
                variant="primary"
                busy={publishing() || campaign.latest?.status === 'publishing'}
                onClick={publish}
              >
                {campaign.latest?.publishedAt ? t('campaigns.republish') : t('campaigns.publish')}
              </Button>
            </Show>
          </>
        }
      />
      <div class="grid gap-4">
        <PublishStatus
          connected={room.connected()}
          campaign={campaign.latest}
          publishError={publishError()}
        />
        <Show when={room.draft.value}>
          {(draft) => (
            <>
              <CampaignSection
                room={room}
                draft={draft()}
                errors={errors()}
                readOnly={readOnly()}
              />
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
                  {t('campaigns.addAdSet')}
                </Button>
              </Show>
            </>
          )}
        </Show>
        <ProposalsSection proposals={room.draft.proposals} />
      </div>
    </>
  );
}
