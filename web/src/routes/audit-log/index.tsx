/**
 * The audit log: who changed what and when, newest first, filtered by action, a page at a time.
 * A table on a wide screen; on a phone a list of cards, each readable without scrolling sideways.
 */
import { createMediaQuery } from '@solid-primitives/media';
import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { AUDIT_ACTIONS } from '../../../../schema/inputs/audit.ts';
import { Button } from '../../components/Button.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Fact, Facts } from '../../components/Facts.tsx';
import { ListStatus } from '../../components/ListStatus.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { type Answer, call, client } from '../../lib/api.ts';
import { describeError } from '../../lib/errors.ts';
import { codeLabel, formatDateTime, t } from '../../lib/i18n.ts';
import { createPagedList, type Page } from '../../lib/paged-list.ts';
import { can, session } from '../../lib/session.ts';
import { describeAuditData } from './details.ts';

type AuditEntry = Answer<'/api/v1/org/audit-log', 'get'>['items'][number];

const PAGE_SIZE = 25;
/** The filter's "no filter" choice (Kobalte's Select cannot select an empty key). */
const ALL = 'all';

const actionLabel = (action: string) => codeLabel('audit.action_', action);

export default function AuditLogPage() {
  const wide = createMediaQuery('(min-width: 768px)');
  const [action, setAction] = createSignal(ALL);
  // A failed "load more" keeps the rows already shown; its error goes under them.
  const [moreError, setMoreError] = createSignal<unknown>(null);
  const { state, reload, loadMore } = createPagedList(
    (cursor) =>
      call(
        client.GET('/api/v1/org/audit-log', {
          params: {
            query: {
              cursor: cursor ?? undefined,
              limit: PAGE_SIZE,
              action: action() === ALL ? undefined : action(),
            },
          },
        }),
      ),
    setMoreError,
  );
  const more = () => {
    setMoreError(null);
    void loadMore();
  };

  const activeOrgId = () => (can('audit:read') ? session.activeOrg?.id : undefined);

  createEffect(
    on([activeOrgId, action], ([orgId]) => {
      if (!orgId) return;
      setMoreError(null);
      void reload({ clear: true });
    }),
  );

  // Names for the "who" column: the org's members and API keys (once per org, not per filter).
  const [people] = createResource(activeOrgId, async () => {
    const [members, keys] = await Promise.all([
      call(client.GET('/api/v1/org/members')),
      call(client.GET('/api/v1/org/api-keys')).catch(() => ({ items: [] })),
    ]);
    return new Map([
      ...members.items.map((m) => [m.userId, m.name] as const),
      ...keys.items.map((k) => [k.id, `${t('audit.apiKey')} “${k.name}”`] as const),
    ]);
  });

  const who = (entry: AuditEntry) => {
    if (entry.actorType === 'system' || !entry.actorId) return t('audit.system');
    return people()?.get(entry.actorId) ?? `${entry.actorId.slice(0, 8)}…`;
  };

  const actionOptions = () => [
    { value: ALL, label: t('audit.allActions') },
    ...AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(a) })),
  ];

  return (
    <RequirePermission
      permission="audit:read"
      title={t('audit.title')}
      reason={t('audit.noAccess')}
    >
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        actions={
          <SelectField
            label={t('audit.filterByAction')}
            hideLabel
            class="w-60"
            options={actionOptions()}
            value={action()}
            onChange={setAction}
          />
        }
      />
      <section class="card overflow-hidden">
        <ListStatus
          error={state.error}
          loading={state.loading}
          empty={!state.items.length}
          skeletonRows={5}
          emptyState={
            <EmptyState
              icon="audit"
              title={t('audit.emptyTitle')}
              description={t('audit.emptyBody')}
            />
          }
        >
          <Show when={wide()} fallback={<AuditCards entries={state.items} who={who} />}>
            <div class="overflow-x-auto">
              <table class="w-full min-w-[48rem]">
                <thead class="border-b border-line bg-surface-muted/50">
                  <tr>
                    <th class="th">{t('audit.when')}</th>
                    <th class="th">{t('audit.who')}</th>
                    <th class="th">{t('audit.what')}</th>
                    <th class="th">{t('audit.details')}</th>
                    <th class="th">{t('audit.ip')}</th>
                  </tr>
                </thead>
                <tbody class="divide-y divide-line">
                  <For each={state.items}>
                    {(entry) => (
                      <tr data-testid="audit-row">
                        <td class="td whitespace-nowrap text-fg-muted">
                          {formatDateTime(entry.createdAt)}
                        </td>
                        <td class="td">{who(entry)}</td>
                        <td class="td">
                          <span class="font-medium">{actionLabel(entry.action)}</span>
                        </td>
                        <td
                          class="td max-w-72 truncate text-xs text-fg-muted"
                          title={describeAuditData(entry.action, entry.data)}
                        >
                          {describeAuditData(entry.action, entry.data)}
                        </td>
                        <td class="td font-mono text-xs text-fg-muted">{entry.ip ?? '—'}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </ListStatus>
        <Show when={moreError()}>
          <Notice kind="error" class="m-4">
            {describeError(moreError())}
          </Notice>
        </Show>
        <Show when={state.nextCursor}>
          <div class="flex justify-center border-t border-line p-3">
            <Button busy={state.loadingMore} onClick={more}>
              {t('audit.loadMore')}
            </Button>
          </div>
        </Show>
      </section>
    </RequirePermission>
  );
}

/** The phone's layout: one card per entry, its details wrapping instead of being cut. */
function AuditCards(props: { entries: AuditEntry[]; who: (entry: AuditEntry) => string }) {
  return (
    <ul class="divide-y divide-line">
      <For each={props.entries}>
        {(entry) => (
          <li class="grid gap-2 p-4" data-testid="audit-row">
            <div class="flex flex-wrap items-start justify-between gap-x-3 gap-y-1 text-sm">
              <div class="min-w-0">
                <span class="font-medium">{actionLabel(entry.action)}</span>
              </div>
              <span class="text-xs text-fg-muted">{formatDateTime(entry.createdAt)}</span>
            </div>
            <Facts>
              <Fact label={t('audit.who')}>{props.who(entry)}</Fact>
              <Show when={describeAuditData(entry.action, entry.data)}>
                {(details) => (
                  <Fact label={t('audit.details')} class="break-words text-fg-muted">
                    {details()}
                  </Fact>
                )}
              </Show>
              <Fact label={t('audit.ip')} class="font-mono text-fg-muted">
                {entry.ip ?? '—'}
              </Fact>
            </Facts>
          </li>
        )}
      </For>
    </ul>
  );
}
