/** Automations: the section's page; until its engineers build it, an empty state saying what will live here. */
import { SectionPreview } from '../../components/SectionPreview.tsx';
import { t } from '../../lib/i18n.ts';

export default function AutomationsPage() {
  return (
    <SectionPreview
      icon="automations"
      title={t('sections.automations')}
      description={t('sections.automationsDescription')}
      emptyTitle={t('sections.automationsEmptyTitle')}
      emptyBody={t('sections.automationsEmptyBody')}
      features={[
        t('sections.automationsFeature1'),
        t('sections.automationsFeature2'),
        t('sections.automationsFeature3'),
      ]}
    />
  );
}
