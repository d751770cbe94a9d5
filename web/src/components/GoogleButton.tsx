/** "Continue with Google": a full-page visit to the Worker, which redirects to the provider and back. */
import { t } from '../lib/i18n.ts';
import { GoogleMark } from './Icon.tsx';

export function GoogleButton(props: { returnTo: string }) {
  return (
    // rel="external": the router must let this one leave the SPA for the Worker.
    <a
      rel="external"
      href={`/api/v1/auth/google/start?returnTo=${encodeURIComponent(props.returnTo)}`}
      class="btn-secondary w-full"
    >
      <GoogleMark />
      {t('auth.continueWithGoogle')}
    </a>
  );
}
