/**
 * /invite/:token — what the invitation offers; sign in or create an account with the invited
 * e-mail right here, then accept and switch into the organization.
 */
import { Tabs } from '@kobalte/core/tabs';
import { useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import * as v from 'valibot';
import { LoginInput, Password } from '../../../../schema/inputs/accounts.ts';
import { Name } from '../../../../schema/inputs/common.ts';
import { AuthLayout, OrDivider } from '../../components/AuthLayout.tsx';
import { Button } from '../../components/Button.tsx';
import { Field } from '../../components/Field.tsx';
import { GoogleButton } from '../../components/GoogleButton.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Notice } from '../../components/Notice.tsx';
import { roleLabel } from '../../components/RoleBadge.tsx';
import { SkeletonLine } from '../../components/Skeleton.tsx';
import { showToast } from '../../components/Toast.tsx';
import { call, client, publicClient } from '../../lib/api.ts';
import { describeError } from '../../lib/errors.ts';
import { createForm, formValues } from '../../lib/forms.ts';
import { formatDate, t } from '../../lib/i18n.ts';
import { session, signIn, signOut, signUp, switchOrg } from '../../lib/session.ts';
import { HOME_PATH } from '../../sections.ts';

const TAB_CLASS =
  'focus-ring rounded-md py-1.5 text-sm font-medium text-fg-muted data-[selected]:(bg-surface text-fg shadow-sm) cursor-pointer';

/** The invitee's details; the e-mail is fixed by the invitation. */
const InviteeSignUp = v.object({ name: Name('Name'), password: Password });

export default function AcceptInvitationPage() {
  const params = useParams<{ token: string }>();
  const navigate = useNavigate();
  const [invitation] = createResource(
    () => params.token,
    (token) =>
      call(publicClient.GET('/api/v1/invitations/{token}', { params: { path: { token } } })),
  );
  const [accepting, setAccepting] = createSignal(false);
  const [acceptError, setAcceptError] = createSignal<string | null>(null);

  const accept = async () => {
    setAccepting(true);
    setAcceptError(null);
    try {
      const joined = await call(
        client.POST('/api/v1/invitations/{token}/accept', {
          params: { path: { token: params.token } },
        }),
      );
      await switchOrg(joined.org.id);
      showToast({ title: t('invite.joined', { org: joined.org.name }) });
      navigate(HOME_PATH, { replace: true });
    } catch (err) {
      setAcceptError(describeError(err));
    } finally {
      setAccepting(false);
    }
  };

  const signUpForm = createForm(InviteeSignUp, async ({ name, password }) => {
    const email = invitation()!.email;
    await signUp({ email, password, name, orgName: t('invite.personalOrgName', { name }) });
    await accept();
  });
  const signInForm = createForm(LoginInput, async (input) => {
    await signIn(input);
    await accept();
  });

  const signedInAs = () =>
    session.status === 'signedIn' && !session.offline ? session.user : null;

  return (
    <AuthLayout title={t('invite.title')}>
      <Switch>
        <Match when={invitation.loading}>
          <div class="card grid gap-3 p-5" role="status" aria-label={t('common.loading')}>
            <SkeletonLine class="w-3/4" />
            <SkeletonLine class="w-1/2" />
          </div>
        </Match>
        <Match when={invitation.error}>
          <Notice kind="error">{t('invite.notFound')}</Notice>
        </Match>
        <Match when={invitation()}>
          {(invite) => (
            <div class="grid gap-6">
              <div class="card grid gap-3 p-5" data-testid="invitation-card">
                <div class="flex items-center gap-3">
                  <span class="grid size-10 place-items-center rounded-xl bg-accent-soft text-accent">
                    <Icon name="building" class="size-5" />
                  </span>
                  <div class="grid min-w-0">
                    <p class="truncate text-base font-semibold text-fg">{invite().org.name}</p>
                    <p class="text-sm text-fg-muted">{roleLabel(invite().role)}</p>
                  </div>
                </div>
                <p class="text-sm text-fg">
                  {invite().invitedBy
                    ? t('invite.invitedBy', { name: invite().invitedBy!, email: invite().email })
                    : t('invite.invitedAnonymous', { email: invite().email })}
                </p>
                <Show when={invite().status === 'pending'}>
                  <p class="text-xs text-fg-muted">
                    {t('invite.expires', { date: formatDate(invite().expiresAt) })}
                  </p>
                </Show>
              </div>

              <Switch>
                <Match when={invite().status !== 'pending'}>
                  <Notice kind="warning">
                    {invite().status === 'accepted' ? t('invite.statusAccepted') : t('invite.gone')}
                  </Notice>
                </Match>
                <Match when={signedInAs()}>
                  {(user) => (
                    <Show
                      when={user().email === invite().email}
                      fallback={
                        <div class="grid gap-4">
                          <Notice kind="warning">
                            {t('invite.signedInAsOther', {
                              email: user().email,
                              invited: invite().email,
                            })}
                          </Notice>
                          <Button onClick={() => void signOut()} icon="logOut">
                            {t('invite.switchAccount')}
                          </Button>
                        </div>
                      }
                    >
                      <div class="grid gap-4">
                        <Show when={acceptError()}>
                          <Notice kind="error">{acceptError()}</Notice>
                        </Show>
                        <Button
                          variant="primary"
                          busy={accepting()}
                          onClick={accept}
                          class="w-full"
                        >
                          {t('invite.accept', { org: invite().org.name })}
                        </Button>
                      </div>
                    </Show>
                  )}
                </Match>
                <Match when={true}>
                  <div class="grid gap-5">
                    <GoogleButton returnTo={`/invite/${params.token}`} />
                    <OrDivider />
                    <Tabs defaultValue="sign-up">
                      <Tabs.List class="relative mb-5 grid grid-cols-2 rounded-lg bg-surface-muted p-1">
                        <Tabs.Trigger value="sign-up" class={TAB_CLASS}>
                          {t('invite.tabNewAccount')}
                        </Tabs.Trigger>
                        <Tabs.Trigger value="sign-in" class={TAB_CLASS}>
                          {t('invite.tabHaveAccount')}
                        </Tabs.Trigger>
                      </Tabs.List>
                      <Tabs.Content value="sign-up">
                        <form
                          class="grid gap-4"
                          novalidate
                          onSubmit={(event) => {
                            event.preventDefault();
                            void signUpForm.submit(formValues(event.currentTarget));
                          }}
                        >
                          <Field
                            label={t('auth.email')}
                            name="email"
                            type="email"
                            value={invite().email}
                            readOnly
                          />
                          <Field
                            label={t('auth.name')}
                            name="name"
                            autocomplete="name"
                            error={signUpForm.error('name')}
                            required
                          />
                          <Field
                            label={t('auth.password')}
                            name="password"
                            type="password"
                            autocomplete="new-password"
                            description={t('auth.passwordHint')}
                            error={signUpForm.error('password')}
                            required
                          />
                          <Show when={signUpForm.formError() ?? acceptError()}>
                            <Notice kind="error">{signUpForm.formError() ?? acceptError()}</Notice>
                          </Show>
                          <Button
                            type="submit"
                            variant="primary"
                            busy={signUpForm.busy()}
                            class="w-full"
                          >
                            {t('invite.signUpAndAccept')}
                          </Button>
                        </form>
                      </Tabs.Content>
                      <Tabs.Content value="sign-in">
                        <form class="grid gap-4" novalidate onSubmit={signInForm.onSubmit}>
                          <Field
                            label={t('auth.email')}
                            name="email"
                            type="email"
                            value={invite().email}
                            readOnly
                          />
                          <Field
                            label={t('auth.password')}
                            name="password"
                            type="password"
                            autocomplete="current-password"
                            error={signInForm.error('password')}
                            required
                          />
                          <Show when={signInForm.formError() ?? acceptError()}>
                            <Notice kind="error">{signInForm.formError() ?? acceptError()}</Notice>
                          </Show>
                          <Button
                            type="submit"
                            variant="primary"
                            busy={signInForm.busy()}
                            class="w-full"
                          >
                            {t('invite.signInAndAccept')}
                          </Button>
                        </form>
                      </Tabs.Content>
                    </Tabs>
                  </div>
                </Match>
              </Switch>
            </div>
          )}
        </Match>
      </Switch>
    </AuthLayout>
  );
}
