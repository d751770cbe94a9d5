/** Inbox: the section's page; until its engineers build it, an empty state saying what will live here. */
import { SectionPreview } from '../../components/SectionPreview.tsx';
import { t } from '../../lib/i18n.ts';

export default function InboxPage() {
  return (
    <SectionPreview
      icon="inbox"
      title={t('sections.inbox')}
      description={t('sections.inboxDescription')}
      emptyTitle={t('sections.inboxEmptyTitle')}
      emptyBody={t('sections.inboxEmptyBody')}
      features={[
        t('sections.inboxFeature1'),
        t('sections.inboxFeature2'),
        t('sections.inboxFeature3'),
      ]}
    />
  );
}
