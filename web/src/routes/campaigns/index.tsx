/** Campaigns: the section's page; until its engineers build it, an empty state saying what will live here. */
import { SectionPreview } from '../../components/SectionPreview.tsx';
import { t } from '../../lib/i18n.ts';

export default function CampaignsPage() {
  return (
    <SectionPreview
      icon="campaigns"
      title={t('sections.campaigns')}
      description={t('sections.campaignsDescription')}
      emptyTitle={t('sections.campaignsEmptyTitle')}
      emptyBody={t('sections.campaignsEmptyBody')}
      features={[
        t('sections.campaignsFeature1'),
        t('sections.campaignsFeature2'),
        t('sections.campaignsFeature3'),
      ]}
    />
  );
}
