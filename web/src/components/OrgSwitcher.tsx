/** The active organization, a menu to switch to another one, and "create organization". */
import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { useNavigate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { describeError } from '../lib/errors.ts';
import { t } from '../lib/i18n.ts';
import { session, switchOrg } from '../lib/session.ts';
import { HOME_PATH } from '../sections.ts';
import { CreateOrgDialog } from './CreateOrgDialog.tsx';
import { Icon } from './Icon.tsx';
import { roleLabel } from './RoleBadge.tsx';
import { showToast } from './Toast.tsx';

export function OrgInitial(props: { name: string; class?: string }) {
  return (
    <span
      aria-hidden="true"
      class={`grid shrink-0 place-items-center rounded-lg bg-accent-soft font-semibold text-accent ${props.class ?? 'size-8 text-sm'}`}
    >
      {props.name.trim().charAt(0).toUpperCase() || '?'}
    </span>
  );
}

export function OrgSwitcher() {
  const navigate = useNavigate();
  const [creating, setCreating] = createSignal(false);
  // "Create organization" is picked in the menu, which is gone once the dialog closes: focus goes
  // back to the switcher that opened the menu.
  let trigger: HTMLButtonElement | undefined;

  const choose = async (orgId: string) => {
    if (orgId === session.activeOrg?.id) return;
    try {
      await switchOrg(orgId);
      navigate(HOME_PATH);
      showToast({ title: t('shell.switchedTo', { org: session.activeOrg?.name ?? '' }) });
    } catch (err) {
      showToast({ kind: 'error', title: t('shell.switchFailed'), description: describeError(err) });
    }
  };

  return (
    <>
      <DropdownMenu gutter={6} sameWidth>
        <DropdownMenu.Trigger
          ref={trigger}
          class="focus-ring flex w-full items-center gap-2.5 rounded-xl border border-line bg-surface px-2.5 py-2 text-left hover:bg-surface-muted cursor-pointer"
          data-testid="org-switcher"
        >
          {/* Named by what it shows, then what it does: a label of its own would hide the org's name. */}
          <OrgInitial name={session.activeOrg?.name ?? ''} />
          <span class="grid min-w-0 grow">
            <span class="truncate text-sm font-semibold text-fg">
              {session.activeOrg?.name ?? t('shell.noOrg')}
            </span>
            <Show when={session.activeOrg}>
              {(org) => <span class="text-xs text-fg-muted">{roleLabel(org().role)}</span>}
            </Show>
          </span>
          <span class="sr-only">{t('shell.switchOrg')}</span>
          <Icon name="chevronsUpDown" class="size-4 text-fg-muted" />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content class="menu-content">
            <DropdownMenu.Group>
              <DropdownMenu.GroupLabel class="px-3 py-1.5 text-xs font-semibold text-fg-muted">
                {t('shell.yourOrgs')}
              </DropdownMenu.GroupLabel>
              <For each={session.memberships}>
                {(membership) => (
                  <DropdownMenu.Item class="menu-item" onSelect={() => choose(membership.org.id)}>
                    <OrgInitial name={membership.org.name} class="size-6 text-xs" />
                    <span class="grid min-w-0 grow">
                      <span class="truncate">{membership.org.name}</span>
                      <span class="text-xs text-fg-muted">{roleLabel(membership.role)}</span>
                    </span>
                    <Show when={membership.org.id === session.activeOrg?.id}>
                      <Icon name="check" class="size-4 text-brand" />
                    </Show>
                  </DropdownMenu.Item>
                )}
              </For>
            </DropdownMenu.Group>
            <DropdownMenu.Separator class="my-1 border-line" />
            <DropdownMenu.Item class="menu-item" onSelect={() => setCreating(true)}>
              <Icon name="plus" />
              {t('shell.createOrg')}
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu>
      <CreateOrgDialog open={creating()} onOpenChange={setCreating} returnFocus={() => trigger} />
    </>
  );
}
