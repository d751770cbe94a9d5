/** Studio: the section's page; until its engineers build it, an empty state saying what will live here. */
import { SectionPreview } from '../../components/SectionPreview.tsx';
import { t } from '../../lib/i18n.ts';

export default function StudioPage() {
  return (
    <SectionPreview
      icon="studio"
      title={t('sections.studio')}
      description={t('sections.studioDescription')}
      emptyTitle={t('sections.studioEmptyTitle')}
      emptyBody={t('sections.studioEmptyBody')}
      features={[
        t('sections.studioFeature1'),
        t('sections.studioFeature2'),
        t('sections.studioFeature3'),
      ]}
    />
  );
}
