/** The frame of the public pages: a brand panel on wide screens, the form card, language and theme. */
import { A, Navigate } from '@solidjs/router';
import { For, type JSX, Show } from 'solid-js';
import { t } from '../lib/i18n.ts';
import { session } from '../lib/session.ts';
import { BrandMark, Icon, type IconName } from './Icon.tsx';
import { LocaleMenu } from './LocaleMenu.tsx';
import { ThemeMenu } from './ThemeMenu.tsx';

const HIGHLIGHTS: {
  icon: IconName;
  key: 'auth.highlightPipeline' | 'auth.highlightStudio' | 'auth.highlightAds';
}[] = [
  { icon: 'pipeline', key: 'auth.highlightPipeline' },
  { icon: 'studio', key: 'auth.highlightStudio' },
  { icon: 'campaigns', key: 'auth.highlightAds' },
];

export function AuthLayout(props: { title: string; subtitle?: string; children: JSX.Element }) {
  return (
    <div class="grid min-h-dvh lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      <aside class="relative hidden overflow-hidden bg-gradient-to-br from-teal-700 via-teal-800 to-indigo-900 p-12 text-white lg:flex lg:flex-col">
        <div class="flex items-center gap-3">
          <BrandMark class="size-10" />
          <span class="text-xl font-semibold tracking-tight">GestorLead</span>
        </div>
        <div class="my-auto grid max-w-md gap-8">
          <p class="text-3xl font-semibold leading-tight tracking-tight">{t('auth.tagline')}</p>
          <ul class="grid gap-4">
            <For each={HIGHLIGHTS}>
              {(item) => (
                <li class="flex items-start gap-3 text-teal-50/90">
                  <span class="grid size-9 shrink-0 place-items-center rounded-lg bg-white/10">
                    <Icon name={item.icon} class="size-5" />
                  </span>
                  <span class="pt-1.5 text-[15px] leading-snug">{t(item.key)}</span>
                </li>
              )}
            </For>
          </ul>
        </div>
        <p class="text-sm text-teal-100/70">{t('auth.madeInBrazil')}</p>
        <div class="pointer-events-none absolute -right-24 -bottom-24 size-96 rounded-full bg-indigo-400/20 blur-3xl" />
      </aside>
      <main id="main" class="flex flex-col px-4 py-6 sm:px-8">
        <div class="flex items-center justify-between gap-2">
          <div class="flex items-center gap-2 lg:invisible">
            <BrandMark class="size-8" />
            <span class="font-semibold tracking-tight text-fg">GestorLead</span>
          </div>
          <div class="flex items-center gap-1">
            <LocaleMenu />
            <ThemeMenu />
          </div>
        </div>
        <div class="mx-auto my-auto w-full max-w-sm py-10">
          <h1 class="text-2xl font-semibold tracking-tight text-fg">{props.title}</h1>
          {props.subtitle && <p class="mt-1.5 text-sm text-fg-muted">{props.subtitle}</p>}
          <div class="mt-8">{props.children}</div>
        </div>
      </main>
    </div>
  );
}

/** "or" between the Google button and the e-mail form. */
export function OrDivider() {
  return (
    <div class="flex items-center gap-3 text-xs uppercase tracking-wider text-fg-muted">
      <span class="h-px grow bg-line" />
      {t('auth.or')}
      <span class="h-px grow bg-line" />
    </div>
  );
}

/** Sign-in and sign-up are for people not signed in; anyone signed in goes on to `next`. */
export function SignedOutOnly(props: { next: string; children: JSX.Element }) {
  return (
    <Show
      when={session.status !== 'signedIn' || session.offline}
      fallback={<Navigate href={props.next} />}
    >
      {props.children}
    </Show>
  );
}

/** "No account yet? Create account" under the form, keeping where to go afterwards. */
export function AuthSwitchLink(props: {
  question: string;
  label: string;
  path: string;
  next?: string;
}) {
  return (
    <p class="text-center text-sm text-fg-muted">
      {props.question}{' '}
      <A
        href={`${props.path}${props.next ? `?next=${encodeURIComponent(props.next)}` : ''}`}
        class="focus-ring rounded font-medium text-brand hover:underline"
      >
        {props.label}
      </A>
    </p>
  );
}
