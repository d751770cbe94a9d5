/** Sign in with e-mail and password or with Google; shows why a Google sign-in came back refused. */
import { useSearchParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { LoginInput } from '../../../../schema/inputs/accounts.ts';
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
import { createForm } from '../../lib/forms.ts';
import { t } from '../../lib/i18n.ts';
import { signIn } from '../../lib/session.ts';
import { safeNext } from '../../sections.ts';

/** Codes the Worker puts in `/sign-in?error=` when Google sign-in fails. */
function googleErrorMessage(code: string): string {
  if (code === 'google_denied') return t('auth.googleDenied');
  if (code === 'google_unavailable') return t('auth.googleUnavailable');
  if (code === 'google_email_unverified') return t('auth.googleUnverified');
  return t('auth.googleFailed');
}

export default function SignInPage() {
  const [search] = useSearchParams<{ next?: string; error?: string; email?: string }>();
  const next = () => safeNext(search.next);
  const form = createForm(LoginInput, async (input) => {
    await signIn(input);
  });

  return (
    <SignedOutOnly next={next()}>
      <AuthLayout title={t('auth.signInTitle')} subtitle={t('auth.signInSubtitle')}>
        <div class="grid gap-5">
          <Show when={search.error}>
            <Notice kind="error">{googleErrorMessage(search.error!)}</Notice>
          </Show>
          <GoogleButton returnTo={next()} />
          <OrDivider />
          <form class="grid gap-4" onSubmit={form.onSubmit} novalidate>
            <Field
              label={t('auth.email')}
              name="email"
              type="email"
              autocomplete="email"
              defaultValue={search.email}
              error={form.error('email')}
              required
            />
            <Field
              label={t('auth.password')}
              name="password"
              type="password"
              autocomplete="current-password"
              error={form.error('password')}
              required
            />
            <Show when={form.formError()}>
              <Notice kind="error">{form.formError()}</Notice>
            </Show>
            <Button type="submit" variant="primary" class="w-full" busy={form.busy()}>
              {t('auth.signIn')}
            </Button>
          </form>
          <AuthSwitchLink
            question={t('auth.noAccount')}
            label={t('auth.createAccount')}
            path="/sign-up"
            next={search.next}
          />
        </div>
      </AuthLayout>
    </SignedOutOnly>
  );
}
