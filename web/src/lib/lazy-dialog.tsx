/**
 * A dialog (or drawer) whose code is fetched the first time it opens rather than with its page,
 * then kept mounted, so it closes and reopens like any other. Until then it renders nothing.
 *
 * If its code cannot arrive (offline before the service worker has saved the app), the page under
 * it stays as it was: the dialog closes again and a toast says why, and the next open tries again.
 * Unhandled, the failure would reach the section's error boundary and replace the whole board.
 */
import {
  type Component,
  createComputed,
  createSignal,
  ErrorBoundary,
  lazy,
  onMount,
  Show,
  Suspense,
} from 'solid-js';
import { showToast } from '../components/Toast.tsx';
import { isOffline } from './api.ts';
import { t } from './i18n.ts';

export function lazyDialog<Props extends Record<string, unknown>>(
  load: () => Promise<Component<Props>>,
  isOpen: (props: Props) => boolean,
  /** Tells the page the dialog is closed (it did not open). */
  close: (props: Props) => void,
): Component<Props> {
  const Dialog = lazy(() => load().then((component) => ({ default: component })));
  return (props) => {
    const [opened, setOpened] = createSignal(false);
    createComputed(() => {
      if (isOpen(props)) setOpened(true);
    });
    const gaveUp = () => {
      setOpened(false);
      close(props);
    };
    return (
      <Show when={opened()}>
        <ErrorBoundary fallback={(error) => <CouldNotOpen error={error} onShown={gaveUp} />}>
          <Suspense>
            <Dialog {...props} />
          </Suspense>
        </ErrorBoundary>
      </Show>
    );
  };
}

function CouldNotOpen(props: { error: unknown; onShown: () => void }) {
  onMount(() => {
    const offline = !navigator.onLine || isOffline(props.error);
    if (!offline) console.error(props.error);
    showToast({
      kind: 'error',
      title: offline ? t('shell.dialogOfflineTitle') : t('shell.dialogFailedTitle'),
      description: offline ? t('shell.dialogOfflineBody') : t('common.errorUnexpected'),
    });
    props.onShown();
  });
  return null;
}
