/** A calm strip under the top bar while the device is offline (the shell still works from cache). */
import { createSignal, onCleanup, Show } from 'solid-js';
import { t } from '../lib/i18n.ts';
import { session } from '../lib/session.ts';
import { Icon } from './Icon.tsx';

export function OfflineBanner() {
  const [online, setOnline] = createSignal(navigator.onLine);
  const update = () => setOnline(navigator.onLine);
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  onCleanup(() => {
    window.removeEventListener('online', update);
    window.removeEventListener('offline', update);
  });
  return (
    <Show when={!online() || session.offline}>
      <div
        role="status"
        data-testid="offline-banner"
        class="flex items-center justify-center gap-2 bg-warn-soft px-4 py-2 text-sm text-warn"
      >
        <Icon name="wifiOff" />
        {t('shell.offline')}
      </div>
    </Show>
  );
}
