/** The bell: the org's alerts (budgets, failing jobs…), new ones arriving live, with mark-as-read. */
import { Popover } from '@kobalte/core/popover';
import { createEffect, createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { type Answer, call, client } from '../lib/api.ts';
import { formatRelative, t } from '../lib/i18n.ts';
import type { OrgEvent } from '../lib/live-events.ts';
import { can, session } from '../lib/session.ts';
import { alertWords } from './alert-words.ts';
import { EmptyState } from './EmptyState.tsx';
import { Icon } from './Icon.tsx';
import { SkeletonRows } from './Skeleton.tsx';
import { showToast } from './Toast.tsx';

/** An alert as the menu shows it: from the list, or from a live event (which has no dedup key). */
type Alert = Omit<Answer<'/api/v1/alerts', 'get'>['items'][number], 'dedupKey' | 'orgId'>;

const [alerts, setAlerts] = createStore<{ items: Alert[]; loaded: boolean }>({
  items: [],
  loaded: false,
});

export function receiveAlertEvent(event: Extract<OrgEvent, { type: 'alert' }>) {
  const { alert } = event;
  if (!alert?.id || alerts.items.some((a) => a.id === alert.id)) return;
  setAlerts('items', (items) => [
    { ...alert, readAt: null, createdAt: event.at ?? new Date().toISOString() },
    ...items,
  ]);
  const words = alertWords(alert);
  showToast({
    kind: alert.severity === 'info' ? 'info' : 'error',
    title: words.title,
    description: words.detail ?? undefined,
  });
}

const SEVERITY_COLORS = {
  info: 'text-accent',
  warning: 'text-warn',
  critical: 'text-danger',
} as const;

export function AlertsMenu() {
  const [open, setOpen] = createSignal(false);
  const unread = () => alerts.items.filter((a) => !a.readAt).length;

  createEffect(() => {
    if (!session.activeOrg?.id || session.offline) return;
    setAlerts({ items: [], loaded: false });
    call(client.GET('/api/v1/alerts', { params: { query: { limit: 20 } } }))
      .then((page) => setAlerts({ items: page.items, loaded: true }))
      .catch(() => setAlerts('loaded', true));
  });

  const markRead = async (alert: Alert) => {
    await call(client.POST('/api/v1/alerts/{id}/read', { params: { path: { id: alert.id } } }));
    setAlerts('items', (a) => a.id === alert.id, 'readAt', new Date().toISOString());
  };

  return (
    <Popover open={open()} onOpenChange={setOpen} gutter={6} placement="bottom-end">
      <Popover.Trigger
        class="icon-btn relative"
        aria-label={unread() ? t('shell.alertsUnread', { n: unread() }) : t('shell.alerts')}
      >
        <Icon name="bell" class="size-[18px]" />
        <Show when={unread()}>
          <span class="absolute right-1.5 top-1.5 size-2 rounded-full bg-danger ring-2 ring-canvas" />
        </Show>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content class="menu-content w-[min(24rem,calc(100vw-2rem))] p-0">
          <div class="flex items-center justify-between border-b border-line px-4 py-3">
            <Popover.Title class="text-sm font-semibold text-fg">{t('shell.alerts')}</Popover.Title>
            <Popover.CloseButton class="icon-btn size-7" aria-label={t('common.close')}>
              <Icon name="close" />
            </Popover.CloseButton>
          </div>
          <div class="max-h-96 overflow-y-auto">
            <Show
              when={alerts.loaded}
              fallback={<SkeletonRows rows={3} label={t('common.loading')} />}
            >
              <Show
                when={alerts.items.length}
                fallback={
                  <EmptyState
                    icon="bell"
                    title={t('shell.alertsEmptyTitle')}
                    description={t('shell.alertsEmptyBody')}
                  />
                }
              >
                <ul class="divide-y divide-line">
                  <For each={alerts.items}>
                    {(alert) => (
                      <li class={`flex gap-3 px-4 py-3 ${alert.readAt ? 'opacity-60' : ''}`}>
                        <Icon
                          name="alert"
                          class={`size-4 mt-0.5 ${SEVERITY_COLORS[alert.severity]}`}
                        />
                        <div class="grid min-w-0 grow gap-0.5">
                          <p class="text-sm font-medium text-fg">{alertWords(alert).title}</p>
                          <Show when={alertWords(alert).detail}>
                            <p class="text-xs text-fg-muted">{alertWords(alert).detail}</p>
                          </Show>
                          <p class="text-xs text-fg-muted">{formatRelative(alert.createdAt)}</p>
                        </div>
                        <Show when={!alert.readAt && can('alerts:update')}>
                          <button
                            type="button"
                            class="icon-btn size-7"
                            aria-label={t('shell.markRead')}
                            onClick={() => markRead(alert)}
                          >
                            <Icon name="check" />
                          </button>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </Show>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover>
  );
}
