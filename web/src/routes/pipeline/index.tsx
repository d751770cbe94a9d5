/** Pipeline: the section's page; until its engineers build it, an empty state saying what will live here. */
import { SectionPreview } from '../../components/SectionPreview.tsx';
import { t } from '../../lib/i18n.ts';

export default function PipelinePage() {
  return (
    <SectionPreview
      icon="pipeline"
      title={t('sections.pipeline')}
      description={t('sections.pipelineDescription')}
      emptyTitle={t('sections.pipelineEmptyTitle')}
      emptyBody={t('sections.pipelineEmptyBody')}
      features={[
        t('sections.pipelineFeature1'),
        t('sections.pipelineFeature2'),
        t('sections.pipelineFeature3'),
      ]}
    />
  );
}
