/** For someone signed in who belongs to no organization (e.g. after leaving their last one). */
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { Button } from '../../components/Button.tsx';
import { CreateOrgForm } from '../../components/CreateOrgDialog.tsx';
import { t } from '../../lib/i18n.ts';
import { session, signOut } from '../../lib/session.ts';

export default function CreateFirstOrgPage() {
  return (
    <AuthLayout
      title={t('shell.noOrgTitle')}
      subtitle={t('shell.noOrgBody', { email: session.user?.email ?? '' })}
    >
      <div class="grid gap-6">
        <CreateOrgForm submitLabel={t('shell.createOrg')} />
        <Button variant="ghost" icon="logOut" onClick={() => void signOut()}>
          {t('shell.signOut')}
        </Button>
      </div>
    </AuthLayout>
  );
}
