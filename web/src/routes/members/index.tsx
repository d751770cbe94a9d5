/**
 * Members: who is in the organization and with which role; admins invite people (and copy or
 * revoke pending links), change roles and remove members; anyone can leave.
 */
import { useNavigate } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { canAssignRole, ROLES, type Role } from '../../../../domain/permissions.ts';
import { InviteInput } from '../../../../schema/inputs/orgs.ts';
import { Button } from '../../components/Button.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { CopyButton, copyText } from '../../components/CopyButton.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Field } from '../../components/Field.tsx';
import { Icon } from '../../components/Icon.tsx';
import { ListStatus } from '../../components/ListStatus.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RoleBadge, roleLabel } from '../../components/RoleBadge.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { showToast } from '../../components/Toast.tsx';
import { Avatar } from '../../components/UserMenu.tsx';
import { type Answer, call, client } from '../../lib/api.ts';
import { describeError } from '../../lib/errors.ts';
import { createForm } from '../../lib/forms.ts';
import { formatDate, t } from '../../lib/i18n.ts';
import { afterLeavingOrg, can, session } from '../../lib/session.ts';
import { HOME_PATH } from '../../sections.ts';
import { inviteLinkFor, rememberInviteLink } from './invite-links.ts';

type Member = Answer<'/api/v1/org/members', 'get'>['items'][number];
type Invitation = Answer<'/api/v1/org/invitations', 'get'>['items'][number];
type CreatedInvitation = Answer<'/api/v1/org/invitations', 'post'>;

/** Only roles the signed-in person may hand out. */
function assignableRoles() {
  const mine = session.activeOrg?.role ?? 'viewer';
  return ROLES.filter((role) => canAssignRole(mine, role)).map((role) => ({
    value: role,
    label: roleLabel(role),
  }));
}

function InviteCard(props: { onInvited: () => void }) {
  const [created, setCreated] = createSignal<CreatedInvitation | null>(null);
  let formElement: HTMLFormElement | undefined;
  const form = createForm(InviteInput, async (input) => {
    const invitation = await call(client.POST('/api/v1/org/invitations', { body: input }));
    rememberInviteLink(invitation.id, invitation.acceptUrl);
    setCreated(invitation);
    formElement?.reset();
    showToast({ title: t('members.invited', { email: invitation.email }) });
    props.onInvited();
  });
  return (
    <section class="card p-5" aria-labelledby="invite-title">
      <h2 id="invite-title" class="flex items-center gap-2 text-base font-semibold text-fg">
        <Icon name="userPlus" class="size-5 text-brand" />
        {t('members.inviteTitle')}
      </h2>
      <p class="mt-1 text-sm text-fg-muted">{t('members.inviteDescription')}</p>
      <form
        ref={formElement}
        class="mt-4 grid items-start gap-3 sm:grid-cols-[minmax(0,1fr)_11rem_auto]"
        onSubmit={form.onSubmit}
        novalidate
      >
        <Field
          label={t('members.inviteEmail')}
          name="email"
          type="email"
          placeholder="nome@agencia.com.br"
          error={form.error('email')}
          required
        />
        <SelectField
          label={t('members.inviteRole')}
          name="role"
          options={assignableRoles()}
          defaultValue="member"
          error={form.error('role')}
        />
        <Button type="submit" variant="primary" icon="mail" busy={form.busy()} class="sm:mt-6.5">
          {t('members.sendInvite')}
        </Button>
      </form>
      <Show when={form.formError()}>
        <Notice kind="error" class="mt-3">
          {form.formError()}
        </Notice>
      </Show>
      <Show when={created()}>
        {(invitation) => (
          <div class="mt-4 grid gap-2 rounded-lg border border-brand/30 bg-brand-soft/50 p-3">
            <p class="text-sm text-fg">{t('members.linkReady', { email: invitation().email })}</p>
            <div class="flex flex-wrap items-center gap-2">
              <code
                class="min-w-0 grow truncate rounded-md bg-surface px-2.5 py-1.5 font-mono text-xs text-fg border border-line"
                data-testid="invite-link"
              >
                {invitation().acceptUrl}
              </code>
              <CopyButton text={invitation().acceptUrl} label={t('members.copyLink')} size="sm" />
            </div>
          </div>
        )}
      </Show>
    </section>
  );
}

function PendingInvitations(props: { items: Invitation[]; onChange: () => void }) {
  const [revoking, setRevoking] = createSignal<Invitation | null>(null);
  const copyLink = async (invitation: Invitation) => {
    let url = inviteLinkFor(invitation.id);
    if (!url) {
      // The old link's token is unknown here; inviting again replaces it with a new one.
      const renewed = await call(
        client.POST('/api/v1/org/invitations', {
          body: { email: invitation.email, role: invitation.role },
        }),
      ).catch((err) => {
        showToast({ kind: 'error', title: describeError(err) });
        return null;
      });
      if (!renewed) return;
      rememberInviteLink(renewed.id, renewed.acceptUrl);
      url = renewed.acceptUrl;
      props.onChange();
    }
    await copyText(url);
    showToast({ title: t('members.linkCopied') });
  };
  return (
    <section class="card" aria-labelledby="pending-title">
      <h2 id="pending-title" class="border-b border-line px-5 py-3.5 text-sm font-semibold text-fg">
        {t('members.pendingTitle')}
      </h2>
      <ul class="divide-y divide-line">
        <For each={props.items}>
          {(invitation) => (
            <li
              class="flex flex-wrap items-center gap-3 px-5 py-3"
              data-testid="pending-invitation"
            >
              <span class="grid size-9 place-items-center rounded-full bg-surface-muted text-fg-muted">
                <Icon name="mail" />
              </span>
              <div class="grid min-w-0 grow">
                <span class="truncate text-sm font-medium text-fg">{invitation.email}</span>
                <span class="text-xs text-fg-muted">
                  {t('members.expiresOn', { date: formatDate(invitation.expiresAt) })}
                </span>
              </div>
              <RoleBadge role={invitation.role} />
              <div class="flex gap-1">
                <Button size="sm" variant="ghost" icon="link" onClick={() => copyLink(invitation)}>
                  {inviteLinkFor(invitation.id) ? t('members.copyLink') : t('members.newLink')}
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  icon="trash"
                  onClick={() => setRevoking(invitation)}
                >
                  {t('members.revoke')}
                </Button>
              </div>
            </li>
          )}
        </For>
      </ul>
      <ConfirmDialog
        open={!!revoking()}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={t('members.revokeTitle')}
        description={t('members.revokeBody', { email: revoking()?.email ?? '' })}
        confirmLabel={t('members.revoke')}
        onConfirm={async () => {
          await call(
            client.DELETE('/api/v1/org/invitations/{id}', {
              params: { path: { id: revoking()!.id } },
            }),
          );
          showToast({ title: t('members.revoked') });
          props.onChange();
        }}
      />
    </section>
  );
}

export default function MembersPage() {
  const navigate = useNavigate();
  const manage = () => can('members:manage');
  const [members, { refetch: refetchMembers, mutate: setMembers }] = createResource(
    () => session.activeOrg?.id,
    () => call(client.GET('/api/v1/org/members')).then((page) => page.items),
  );
  const [invitations, { refetch: refetchInvitations }] = createResource(
    () => (manage() ? session.activeOrg?.id : undefined),
    () =>
      call(client.GET('/api/v1/org/invitations')).then((page) =>
        page.items.filter((i) => i.status === 'pending'),
      ),
  );
  const [removing, setRemoving] = createSignal<Member | null>(null);
  const isMe = (member: Member) => member.userId === session.user?.id;
  const mayChange = (member: Member) =>
    manage() && !isMe(member) && canAssignRole(session.activeOrg!.role, member.role);

  const changeRole = async (member: Member, role: Role) => {
    if (role === member.role) return;
    try {
      await call(
        client.PATCH('/api/v1/org/members/{userId}', {
          params: { path: { userId: member.userId } },
          body: { role },
        }),
      );
      setMembers((list) => list?.map((m) => (m.userId === member.userId ? { ...m, role } : m)));
      showToast({ title: t('members.roleChanged', { name: member.name, role: roleLabel(role) }) });
    } catch (err) {
      showToast({
        kind: 'error',
        title: t('members.roleChangeFailed'),
        description: describeError(err),
      });
      void refetchMembers();
    }
  };

  const remove = async () => {
    const member = removing()!;
    const orgName = session.activeOrg?.name ?? '';
    await call(
      client.DELETE('/api/v1/org/members/{userId}', {
        params: { path: { userId: member.userId } },
      }),
    );
    if (isMe(member)) {
      await afterLeavingOrg();
      showToast({ title: t('members.left', { org: orgName }) });
      navigate(HOME_PATH);
    } else {
      showToast({ title: t('members.removed', { name: member.name }) });
      void refetchMembers();
    }
  };

  return (
    <>
      <PageHeader title={t('members.title')} description={t('members.description')} />
      <div class="grid gap-6">
        <Show when={!manage()}>
          <Notice kind="info">{t('members.readOnly')}</Notice>
        </Show>
        <Show when={manage()}>
          <InviteCard onInvited={() => void refetchInvitations()} />
          <Show when={invitations()?.length}>
            <PendingInvitations items={invitations()!} onChange={() => void refetchInvitations()} />
          </Show>
        </Show>

        <section class="card" aria-labelledby="members-title">
          <h2
            id="members-title"
            class="border-b border-line px-5 py-3.5 text-sm font-semibold text-fg"
          >
            {t('members.listTitle')}
            <Show when={members()}>
              <span class="ml-2 rounded-full bg-surface-muted px-2 py-0.5 text-xs text-fg-muted">
                {members()!.length}
              </span>
            </Show>
          </h2>
          <ListStatus
            error={members.error}
            loading={!members()}
            empty={!members()?.length}
            emptyState={
              <EmptyState
                icon="users"
                title={t('members.emptyTitle')}
                description={t('members.emptyBody')}
              />
            }
          >
            <ul class="divide-y divide-line">
              <For each={members()}>
                {(member) => (
                  <li
                    class="flex flex-wrap items-center gap-3 px-5 py-3"
                    data-testid="member-row"
                    data-email={member.email}
                  >
                    <Avatar name={member.name} class="size-9 text-xs" />
                    <div class="grid min-w-0 grow">
                      <span class="flex items-center gap-2 truncate text-sm font-medium text-fg">
                        {member.name}
                        <Show when={isMe(member)}>
                          <span class="rounded-full bg-brand-soft px-2 py-0.5 text-[11px] font-medium text-brand-strong">
                            {t('members.you')}
                          </span>
                        </Show>
                      </span>
                      <span class="truncate text-xs text-fg-muted">
                        {member.email} ·{' '}
                        {t('members.joined', { date: formatDate(member.joinedAt) })}
                      </span>
                    </div>
                    <Show when={mayChange(member)} fallback={<RoleBadge role={member.role} />}>
                      <SelectField
                        label={t('members.roleFor', { name: member.name })}
                        hideLabel
                        size="sm"
                        class="w-36"
                        options={assignableRoles()}
                        value={member.role}
                        onChange={(role) => changeRole(member, role as Role)}
                      />
                    </Show>
                    <Show when={isMe(member)}>
                      <Button
                        size="sm"
                        variant="ghost"
                        icon="logOut"
                        onClick={() => setRemoving(member)}
                      >
                        {t('members.leave')}
                      </Button>
                    </Show>
                    <Show when={mayChange(member)}>
                      <Button
                        size="sm"
                        variant="ghost"
                        icon="trash"
                        aria-label={t('members.removeNamed', { name: member.name })}
                        onClick={() => setRemoving(member)}
                      >
                        {t('members.remove')}
                      </Button>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </ListStatus>
        </section>
      </div>
      <ConfirmDialog
        open={!!removing()}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={removing() && isMe(removing()!) ? t('members.leaveTitle') : t('members.removeTitle')}
        description={
          removing() && isMe(removing()!)
            ? t('members.leaveBody', { org: session.activeOrg?.name ?? '' })
            : t('members.removeBody', { name: removing()?.name ?? '' })
        }
        confirmLabel={removing() && isMe(removing()!) ? t('members.leave') : t('members.remove')}
        onConfirm={remove}
      />
    </>
  );
}
