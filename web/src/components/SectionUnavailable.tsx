/**
 * What a section shows when it cannot open, instead of a progress bar that never ends: offline,
 * when what it shows comes from the server; or its code or its first read failed. It tries again
 * on the button, by itself when the connection comes back, and gives way when the person goes to
 * another page.
 */
import { useLocation } from '@solidjs/router';
import { createEffect, on, onCleanup, Show } from 'solid-js';
import { isOffline } from '../lib/api.ts';
import { t } from '../lib/i18n.ts';
import { sectionAt } from '../sections.ts';
import { Button } from './Button.tsx';
import { EmptyState } from './EmptyState.tsx';
import { PageHeader } from './PageHeader.tsx';

/** A lazy page's code that did not arrive (the browser's words differ; these are theirs). */
const CHUNK_FAILED = /dynamically imported module|Importing a module script failed/i;

export function SectionUnavailable(props: { error: unknown; retry: () => void }) {
  const route = useLocation();
  const offline = () => !navigator.onLine || isOffline(props.error);
  // A page whose code failed to arrive stays failed in this page's memory: only a reload fetches it.
  const codeMissing = () => CHUNK_FAILED.test(String((props.error as Error)?.message ?? ''));
  const retry = () =>
    codeMissing() && navigator.onLine ? window.location.reload() : props.retry();

  createEffect(on(() => route.pathname, props.retry, { defer: true }));
  window.addEventListener('online', retry);
  onCleanup(() => window.removeEventListener('online', retry));

  return (
    <div data-testid="section-unavailable">
      <Show when={sectionAt(route.pathname)}>
        {(section) => <PageHeader title={t(section().label)} />}
      </Show>
      <div class="card">
        <EmptyState
          icon={offline() ? 'wifiOff' : 'alert'}
          title={offline() ? t('shell.sectionOfflineTitle') : t('shell.sectionFailedTitle')}
          description={offline() ? t('shell.sectionOfflineBody') : t('shell.sectionFailedBody')}
          action={<Button onClick={retry}>{t('shell.retry')}</Button>}
        />
      </div>
    </div>
  );
}
