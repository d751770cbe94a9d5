/**
 * API keys: create one with the scopes it needs (the key is shown once, with a copy button),
 * see each key's prefix, scopes, last use and expiry, and revoke it. A table on a wide screen; on
 * a phone a list of cards, each readable without scrolling sideways.
 */
import { Checkbox } from '@kobalte/core/checkbox';
import { createMediaQuery } from '@solid-primitives/media';
import { createResource, createSignal, For, Show } from 'solid-js';
import * as v from 'valibot';
import { CreateApiKeyInput } from '../../../../schema/inputs/orgs.ts';
import { Button } from '../../components/Button.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Fact, Facts } from '../../components/Facts.tsx';
import { Field } from '../../components/Field.tsx';
import { Icon } from '../../components/Icon.tsx';
import { ListStatus } from '../../components/ListStatus.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { showToast } from '../../components/Toast.tsx';
import { type Answer, call, client } from '../../lib/api.ts';
import { createForm } from '../../lib/forms.ts';
import { codeLabel, formatDate, formatRelative, t } from '../../lib/i18n.ts';
import { can, session } from '../../lib/session.ts';

type ApiKey = Answer<'/api/v1/org/api-keys', 'get'>['items'][number];
type CreatedKey = Answer<'/api/v1/org/api-keys', 'post'>;

const EXPIRY_DAYS = ['30', '90', '365', '730'];

/** The form sends text; the schema wants a number of days. */
const CreateKeyForm = v.object({
  ...CreateApiKeyInput.entries,
  expiresInDays: v.pipe(
    v.string(),
    v.transform(Number),
    CreateApiKeyInput.entries.expiresInDays.wrapped,
  ),
});

/** What a scope allows, in words (a scope this build does not know is made readable). */
const scopeLabel = (scope: string) => codeLabel('apiKeys.scope_', scope);

function keyStatus(key: ApiKey): 'revoked' | 'expired' | 'active' {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= Date.now()) return 'expired';
  return 'active';
}

function CreateKeyDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  scopes: string[];
  onCreated: () => void;
}) {
  const [created, setCreated] = createSignal<CreatedKey | null>(null);
  const form = createForm(CreateKeyForm, async (input) => {
    const key = await call(client.POST('/api/v1/org/api-keys', { body: input }));
    setCreated(key);
    showToast({ title: t('apiKeys.created', { name: key.name }) });
    props.onCreated();
  });
  const close = (open: boolean) => {
    if (!open) setCreated(null);
    props.onOpenChange(open);
  };
  return (
    <Dialog
      open={props.open}
      onOpenChange={close}
      size="lg"
      title={created() ? t('apiKeys.createdTitle') : t('apiKeys.createTitle')}
      description={created() ? undefined : t('apiKeys.createDescription')}
    >
      <Show
        when={created()}
        fallback={
          <form class="grid gap-5" onSubmit={form.onSubmit} novalidate>
            <div class="grid gap-4 sm:grid-cols-[minmax(0,1fr)_12rem]">
              <Field
                label={t('apiKeys.name')}
                name="name"
                placeholder={t('apiKeys.namePlaceholder')}
                error={form.error('name')}
                autofocus
                required
              />
              <SelectField
                label={t('apiKeys.expiresIn')}
                name="expiresInDays"
                defaultValue="365"
                options={EXPIRY_DAYS.map((days) => ({
                  value: days,
                  label: t('apiKeys.days', { n: days }),
                }))}
                error={form.error('expiresInDays')}
              />
            </div>
            <fieldset class="grid gap-2">
              <legend class="label-text mb-2">{t('apiKeys.scopes')}</legend>
              <div class="grid gap-2 sm:grid-cols-2">
                <For each={props.scopes}>
                  {(scope) => (
                    <Checkbox
                      name="scopes"
                      value={scope}
                      class="flex items-start gap-3 rounded-lg border border-line p-3 data-[checked]:(border-brand bg-brand-soft/40)"
                    >
                      <Checkbox.Input class="peer" />
                      <Checkbox.Control class="mt-0.5 grid size-4.5 shrink-0 place-items-center rounded border border-line bg-surface peer-focus-visible:(ring-2 ring-brand ring-offset-2 ring-offset-canvas) data-[checked]:(border-brand bg-brand text-brand-fg)">
                        <Checkbox.Indicator>
                          <Icon name="check" class="size-3.5" />
                        </Checkbox.Indicator>
                      </Checkbox.Control>
                      <Checkbox.Label class="cursor-pointer text-sm text-fg">
                        {scopeLabel(scope)}
                      </Checkbox.Label>
                    </Checkbox>
                  )}
                </For>
              </div>
              <Show when={form.error('scopes')}>
                <p class="error-text" role="alert">
                  {form.error('scopes')}
                </p>
              </Show>
            </fieldset>
            <Show when={form.formError()}>
              <Notice kind="error">{form.formError()}</Notice>
            </Show>
            <div class="flex justify-end gap-2">
              <Button onClick={() => close(false)}>{t('common.cancel')}</Button>
              <Button type="submit" variant="primary" busy={form.busy()}>
                {t('apiKeys.create')}
              </Button>
            </div>
          </form>
        }
      >
        {(key) => (
          <div class="grid gap-4">
            <Notice kind="warning">{t('apiKeys.shownOnce')}</Notice>
            <div class="flex flex-wrap items-center gap-2">
              <code
                class="min-w-0 grow break-all rounded-lg border border-line bg-surface-muted px-3 py-2.5 font-mono text-sm text-fg"
                data-testid="new-api-key"
              >
                {key().key}
              </code>
              <CopyButton text={key().key} variant="primary" />
            </div>
            <div class="flex justify-end">
              <Button onClick={() => close(false)}>{t('apiKeys.done')}</Button>
            </div>
          </div>
        )}
      </Show>
    </Dialog>
  );
}

function KeyName(props: { apiKey: ApiKey }) {
  return (
    <div class="grid min-w-0">
      <span class="break-words font-medium">{props.apiKey.name}</span>
      <code class="font-mono text-xs text-fg-muted">{props.apiKey.prefix}…</code>
    </div>
  );
}

function ScopeChips(props: { scopes: string[] }) {
  return (
    <div class="flex flex-wrap gap-1">
      <For each={props.scopes}>
        {(scope) => (
          <span class="rounded bg-surface-muted px-1.5 py-0.5 text-[11px] text-fg-muted">
            {scopeLabel(scope)}
          </span>
        )}
      </For>
    </div>
  );
}

const lastUsed = (key: ApiKey) =>
  key.lastUsedAt ? formatRelative(key.lastUsedAt) : t('apiKeys.neverUsed');

/** When an active key expires; a revoked or expired one says so instead. */
function KeyExpiry(props: { apiKey: ApiKey }) {
  return (
    <Show
      when={keyStatus(props.apiKey) === 'active'}
      fallback={
        <span class="rounded-full bg-danger-soft px-2 py-0.5 text-xs font-medium text-danger">
          {keyStatus(props.apiKey) === 'revoked' ? t('apiKeys.revoked') : t('apiKeys.expired')}
        </span>
      }
    >
      <span class="text-fg-muted">{formatDate(props.apiKey.expiresAt)}</span>
    </Show>
  );
}

function RevokeButton(props: { apiKey: ApiKey; onRevoke: (key: ApiKey) => void }) {
  return (
    <Show when={keyStatus(props.apiKey) === 'active'}>
      <Button size="sm" variant="ghost" icon="trash" onClick={() => props.onRevoke(props.apiKey)}>
        {t('apiKeys.revoke')}
      </Button>
    </Show>
  );
}

/** The phone's layout: one card per key, its scopes wrapping instead of widening the page. */
function KeyCards(props: { keys: ApiKey[]; onRevoke: (key: ApiKey) => void }) {
  return (
    <ul class="divide-y divide-line">
      <For each={props.keys}>
        {(key) => (
          <li
            class={`grid gap-3 p-4 ${keyStatus(key) === 'active' ? '' : 'opacity-60'}`}
            data-testid="api-key-row"
          >
            <div class="flex items-start justify-between gap-3 text-sm">
              <KeyName apiKey={key} />
              <RevokeButton apiKey={key} onRevoke={props.onRevoke} />
            </div>
            <ScopeChips scopes={key.scopes} />
            <Facts>
              <Fact label={t('apiKeys.lastUsed')}>{lastUsed(key)}</Fact>
              <Fact label={t('apiKeys.expires')}>
                <KeyExpiry apiKey={key} />
              </Fact>
            </Facts>
          </li>
        )}
      </For>
    </ul>
  );
}

export default function ApiKeysPage() {
  const wide = createMediaQuery('(min-width: 768px)');
  const [data, { refetch }] = createResource(
    () => (can('api_keys:manage') ? session.activeOrg?.id : undefined),
    () => call(client.GET('/api/v1/org/api-keys')),
  );
  const [creating, setCreating] = createSignal(false);
  const [revoking, setRevoking] = createSignal<ApiKey | null>(null);

  return (
    <RequirePermission
      permission="api_keys:manage"
      title={t('apiKeys.title')}
      reason={t('apiKeys.noAccess')}
    >
      <PageHeader
        title={t('apiKeys.title')}
        description={t('apiKeys.description')}
        actions={
          <Button
            variant="primary"
            icon="plus"
            onClick={() => setCreating(true)}
            disabled={!data()}
          >
            {t('apiKeys.create')}
          </Button>
        }
      />
      <section class="card overflow-hidden">
        <ListStatus
          error={data.error}
          loading={!data()}
          empty={!data()?.items.length}
          emptyState={
            <EmptyState
              icon="key"
              title={t('apiKeys.emptyTitle')}
              description={t('apiKeys.emptyBody')}
              action={
                <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
                  {t('apiKeys.create')}
                </Button>
              }
            />
          }
        >
          <Show when={wide()} fallback={<KeyCards keys={data()!.items} onRevoke={setRevoking} />}>
            <div class="overflow-x-auto">
              <table class="w-full min-w-[46rem]">
                <thead class="border-b border-line bg-surface-muted/50">
                  <tr>
                    <th class="th">{t('apiKeys.name')}</th>
                    <th class="th">{t('apiKeys.scopes')}</th>
                    <th class="th">{t('apiKeys.lastUsed')}</th>
                    <th class="th">{t('apiKeys.expires')}</th>
                    <th class="th">
                      <span class="sr-only">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody class="divide-y divide-line">
                  <For each={data()!.items}>
                    {(key) => (
                      <tr
                        data-testid="api-key-row"
                        class={keyStatus(key) === 'active' ? '' : 'opacity-60'}
                      >
                        <td class="td">
                          <KeyName apiKey={key} />
                        </td>
                        <td class="td">
                          <ScopeChips scopes={key.scopes} />
                        </td>
                        <td class="td text-fg-muted">{lastUsed(key)}</td>
                        <td class="td">
                          <KeyExpiry apiKey={key} />
                        </td>
                        <td class="td text-right">
                          <RevokeButton apiKey={key} onRevoke={setRevoking} />
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </ListStatus>
      </section>
      <CreateKeyDialog
        open={creating()}
        onOpenChange={setCreating}
        scopes={data()?.availableScopes ?? []}
        onCreated={() => void refetch()}
      />
      <ConfirmDialog
        open={!!revoking()}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={t('apiKeys.revokeTitle')}
        description={t('apiKeys.revokeBody', { name: revoking()?.name ?? '' })}
        confirmLabel={t('apiKeys.revoke')}
        onConfirm={async () => {
          await call(
            client.DELETE('/api/v1/org/api-keys/{id}', {
              params: { path: { id: revoking()!.id } },
            }),
          );
          showToast({ title: t('apiKeys.revokedToast', { name: revoking()!.name }) });
          void refetch();
        }}
      />
    </RequirePermission>
  );
}
