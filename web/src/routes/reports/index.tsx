/** Reports: the section's page; until its engineers build it, an empty state saying what will live here. */
import { SectionPreview } from '../../components/SectionPreview.tsx';
import { t } from '../../lib/i18n.ts';

export default function ReportsPage() {
  return (
    <SectionPreview
      icon="reports"
      title={t('sections.reports')}
      description={t('sections.reportsDescription')}
      emptyTitle={t('sections.reportsEmptyTitle')}
      emptyBody={t('sections.reportsEmptyBody')}
      features={[
        t('sections.reportsFeature1'),
        t('sections.reportsFeature2'),
        t('sections.reportsFeature3'),
      ]}
    />
  );
}
