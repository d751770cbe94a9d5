/**
 * The router: public pages (sign in, sign up, invitations) and the signed-in app inside the
 * shell, whose pages come from `sections.ts`. The session is restored once before anything shows.
 */

import { I18nProvider } from '@kobalte/core/i18n';
import {
  Navigate,
  Route,
  Router,
  type RouteSectionProps,
  useLocation,
  useNavigate,
} from '@solidjs/router';
import {
  createEffect,
  ErrorBoundary,
  For,
  type JSX,
  lazy,
  Match,
  onMount,
  Show,
  Suspense,
  Switch,
} from 'solid-js';
import { BrandMark } from './components/Icon.tsx';
import { ProgressBar } from './components/ProgressBar.tsx';
import { SectionUnavailable } from './components/SectionUnavailable.tsx';
import { ToastRegion } from './components/Toast.tsx';
import { locale, t } from './lib/i18n.ts';
import { restoreSession, session } from './lib/session.ts';
import { DETAIL_PAGES, HOME_PATH, lazyPage, ORG_SECTIONS, WORKSPACE_SECTIONS } from './sections.ts';

const SignIn = lazy(() => import('./routes/auth/sign-in.tsx'));
const SignUp = lazy(() => import('./routes/auth/sign-up.tsx'));
const AcceptInvitation = lazyPage(() => import('./routes/invite/index.tsx'), ['invite']);
const CreateFirstOrg = lazy(() => import('./routes/orgs/create-first.tsx'));
const NotFound = lazy(() => import('./routes/not-found.tsx'));
// The shell (menus, org switcher, alerts) loads with the first signed-in page, never on sign-in,
// with the dictionary of its menu.
const AppShell = lazyPage(() => import('./components/AppShell.tsx'), ['sections']);

function Splash() {
  return (
    <div class="grid min-h-dvh place-items-center" role="status" aria-label={t('common.loading')}>
      <div class="grid w-48 justify-items-center gap-5">
        <BrandMark class="size-12 animate-pulse" />
        <ProgressBar label={t('common.loading')} class="w-full" />
      </div>
    </div>
  );
}

function PageFallback() {
  return <ProgressBar label={t('common.loading')} class="fixed inset-x-0 top-0 z-50" />;
}

function Root(props: RouteSectionProps) {
  onMount(() => void restoreSession());
  return (
    // Kobalte formats and announces in the chosen language too.
    <I18nProvider locale={locale()}>
      <Show when={session.status !== 'loading'} fallback={<Splash />}>
        <Suspense fallback={<PageFallback />}>{props.children}</Suspense>
      </Show>
      <ToastRegion />
    </I18nProvider>
  );
}

function SignedIn(props: RouteSectionProps) {
  const navigate = useNavigate();
  const location = useLocation();
  createEffect(() => {
    if (session.status === 'signedOut') {
      const next = `${location.pathname}${location.search}`;
      navigate(`/sign-in?next=${encodeURIComponent(next)}`, { replace: true });
    }
  });
  return (
    <Show when={session.status === 'signedIn'}>
      <Switch>
        <Match when={!session.activeOrg}>
          <CreateFirstOrg />
        </Match>
        <Match when={session.activeOrg}>
          <AppShell>
            {/* A section that cannot open (offline, code or data missing) says so and retries. */}
            <ErrorBoundary
              fallback={(error, reset) => <SectionUnavailable error={error} retry={reset} />}
            >
              <Suspense fallback={<PageFallback />}>{props.children}</Suspense>
            </ErrorBoundary>
          </AppShell>
        </Match>
      </Switch>
    </Show>
  );
}

export function App(): JSX.Element {
  return (
    <Router root={Root}>
      <Route path="/sign-in" component={SignIn} />
      <Route path="/sign-up" component={SignUp} />
      <Route path="/invite/:token" component={AcceptInvitation} />
      <Route path="/" component={SignedIn}>
        <Route path="/" component={() => <Navigate href={HOME_PATH} />} />
        <For each={[...WORKSPACE_SECTIONS, ...ORG_SECTIONS, ...DETAIL_PAGES]}>
          {(section) => <Route path={section.path} component={section.page} />}
        </For>
        <Route path="*404" component={NotFound} />
      </Route>
    </Router>
  );
}
