/**
 * For someone signed in who belongs to no organization: after leaving their last one, or just
 * signed up with Google (`?welcome=google`), which knows the person but not the agency, so it is
 * asked for here instead of naming the organization after the person.
 */
import { useSearchParams } from '@solidjs/router';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { Button } from '../../components/Button.tsx';
import { CreateOrgForm } from '../../components/CreateOrgDialog.tsx';
import { t } from '../../lib/i18n.ts';
import { session, signOut } from '../../lib/session.ts';

export default function CreateFirstOrgPage() {
  const [params] = useSearchParams<{ welcome?: string }>();
  const welcome = () => params.welcome === 'google';
  return (
    <AuthLayout
      title={welcome() ? t('shell.welcomeTitle') : t('shell.noOrgTitle')}
      subtitle={
        welcome()
          ? t('shell.welcomeBody', { name: session.user?.name ?? '' })
          : t('shell.noOrgBody', { email: session.user?.email ?? '' })
      }
    >
      <div class="grid gap-6">
        <CreateOrgForm
          label={welcome() ? t('shell.welcomeOrgName') : undefined}
          submitLabel={welcome() ? t('shell.welcomeSubmit') : t('shell.createOrg')}
        />
        <Button variant="ghost" icon="logOut" onClick={() => void signOut()}>
          {t('shell.signOut')}
        </Button>
      </div>
    </AuthLayout>
  );
}
