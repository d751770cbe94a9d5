/** A path the app does not have. */
import { A } from '@solidjs/router';
import { EmptyState } from '../components/EmptyState.tsx';
import { t } from '../lib/i18n.ts';
import { HOME_PATH } from '../sections.ts';

export default function NotFoundPage() {
  return (
    <div class="card">
      <EmptyState
        icon="alert"
        title={t('common.notFoundTitle')}
        description={t('common.notFoundBody')}
        action={
          <A href={HOME_PATH} class="btn-primary">
            {t('common.backHome')}
          </A>
        }
      />
    </div>
  );
}
