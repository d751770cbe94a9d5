/** Create an account and its first organization (the agency), then land in the app. */
import { useSearchParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { RegisterInput } from '../../../../schema/inputs/accounts.ts';
import {
  AuthLayout,
  AuthSwitchLink,
  OrDivider,
  SignedOutOnly,
} from '../../components/AuthLayout.tsx';
import { Button } from '../../components/Button.tsx';
import { Field } from '../../components/Field.tsx';
import { GoogleButton } from '../../components/GoogleButton.tsx';
import { Notice } from '../../components/Notice.tsx';
import { showToast } from '../../components/Toast.tsx';
import { createForm } from '../../lib/forms.ts';
import { t } from '../../lib/i18n.ts';
import { signUp } from '../../lib/session.ts';
import { safeNext } from '../../sections.ts';

export default function SignUpPage() {
  const [search] = useSearchParams<{ next?: string }>();
  const next = () => safeNext(search.next);
  const form = createForm(RegisterInput, async (input) => {
    await signUp(input);
    showToast({ title: t('auth.welcome', { name: input.name }) });
  });

  return (
    <SignedOutOnly next={next()}>
      <AuthLayout title={t('auth.signUpTitle')} subtitle={t('auth.signUpSubtitle')}>
        <div class="grid gap-5">
          <GoogleButton returnTo={next()} />
          <OrDivider />
          <form class="grid gap-4" onSubmit={form.onSubmit} novalidate>
            <Field
              label={t('auth.name')}
              name="name"
              autocomplete="name"
              error={form.error('name')}
              required
            />
            <Field
              label={t('auth.email')}
              name="email"
              type="email"
              autocomplete="email"
              error={form.error('email')}
              required
            />
            <Field
              label={t('auth.password')}
              name="password"
              type="password"
              autocomplete="new-password"
              description={t('auth.passwordHint')}
              error={form.error('password')}
              required
            />
            <Field
              label={t('auth.orgName')}
              name="orgName"
              autocomplete="organization"
              placeholder={t('auth.orgNamePlaceholder')}
              error={form.error('orgName')}
              required
            />
            <Show when={form.formError()}>
              <Notice kind="error">{form.formError()}</Notice>
            </Show>
            <Button type="submit" variant="primary" class="w-full" busy={form.busy()}>
              {t('auth.createAccount')}
            </Button>
          </form>
          <AuthSwitchLink
            question={t('auth.haveAccount')}
            label={t('auth.signIn')}
            path="/sign-in"
            next={search.next}
          />
        </div>
      </AuthLayout>
    </SignedOutOnly>
  );
}
