/**
 * The signed-in frame: sidebar navigation (a drawer plus a bottom bar on phones), the top bar
 * with org switcher, credits, alerts, language and theme, a skip link, and the live-events connection.
 */
// Named parts for the reason given in Dialog.tsx.
import * as KDialog from '@kobalte/core/dialog';
import { A, useLocation } from '@solidjs/router';
import { createEffect, createSignal, For, type JSX, onCleanup } from 'solid-js';
import { receiveBalanceEvent } from '../lib/credits.ts';
import { t } from '../lib/i18n.ts';
import { dispatchOrgEvent, listenToOrg } from '../lib/live-events.ts';
import { can, session } from '../lib/session.ts';
import { ORG_SECTIONS, type Section, WORKSPACE_SECTIONS } from '../sections.ts';
import { AlertsMenu, receiveAlertEvent } from './AlertsMenu.tsx';
import { CreditsBadge } from './CreditsBadge.tsx';
import { Modal } from './Dialog.tsx';
import { BrandMark, Icon } from './Icon.tsx';
import { JobsTray, receiveJobEvent } from './JobsTray.tsx';
import { LocaleMenu } from './LocaleMenu.tsx';
import { OfflineBanner } from './OfflineBanner.tsx';
import { OrgSwitcher } from './OrgSwitcher.tsx';
import { ThemeMenu } from './ThemeMenu.tsx';
import { UserMenu } from './UserMenu.tsx';

const visible = (sections: Section[]) => sections.filter((s) => !s.permission || can(s.permission));

function NavList(props: { onNavigate?: () => void }) {
  const group = (title: string, sections: Section[]) => (
    <div class="grid gap-0.5">
      <p class="px-3 pb-1 pt-4 text-[11px] font-semibold uppercase tracking-wider text-fg-muted">
        {title}
      </p>
      <For each={sections}>
        {(section) => (
          <A
            href={section.path}
            onClick={() => props.onNavigate?.()}
            class="focus-ring flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium text-fg-muted hover:(bg-surface-muted text-fg) aria-[current=page]:(bg-brand-soft text-brand-strong)"
          >
            <Icon name={section.icon} class="size-[18px]" />
            {t(section.label)}
          </A>
        )}
      </For>
    </div>
  );
  return (
    <nav aria-label={t('shell.mainNavigation')} class="grid">
      {group(t('shell.workspace'), WORKSPACE_SECTIONS)}
      {group(t('shell.organization'), visible(ORG_SECTIONS))}
    </nav>
  );
}

function SidebarContent(props: { onNavigate?: () => void }) {
  return (
    <div class="flex h-full flex-col gap-2 p-3">
      <div class="flex items-center gap-2.5 px-2 py-2">
        <BrandMark class="size-8" />
        <span class="text-[17px] font-semibold tracking-tight text-fg">GestorLead</span>
      </div>
      <OrgSwitcher />
      <div class="grow overflow-y-auto -mx-1 px-1">
        <NavList onNavigate={props.onNavigate} />
      </div>
      {/* On a phone language and theme live here, leaving the top bar room for the org's name. */}
      <div class="flex items-center justify-end gap-1 md:hidden">
        <LocaleMenu />
        <ThemeMenu />
      </div>
      <UserMenu />
    </div>
  );
}

/** The phone's shortcuts: sections that are built (a section still being built waits in the menu). */
const bottomBarSections = () =>
  visible([...WORKSPACE_SECTIONS, ...ORG_SECTIONS]).filter((s) => s.bottomBar);

function BottomBar(props: { onMenu: () => void }) {
  return (
    <nav
      aria-label={t('shell.quickNavigation')}
      class="md:hidden fixed inset-x-0 bottom-0 z-30 grid grid-cols-5 border-t border-line bg-surface/95 backdrop-blur pb-[env(safe-area-inset-bottom)]"
    >
      <For each={bottomBarSections()}>
        {(section) => (
          <A
            href={section.path}
            class="focus-ring flex flex-col items-center gap-1 py-2 text-[11px] font-medium text-fg-muted aria-[current=page]:text-brand"
          >
            <Icon name={section.icon} class="size-5" />
            <span class="max-w-full px-1 text-center leading-tight">{t(section.label)}</span>
          </A>
        )}
      </For>
      <button
        type="button"
        onClick={props.onMenu}
        class="focus-ring flex flex-col items-center gap-1 py-2 text-[11px] font-medium text-fg-muted cursor-pointer"
      >
        <Icon name="menu" class="size-5" />
        {t('shell.more')}
      </button>
    </nav>
  );
}

export default function AppShell(props: { children?: JSX.Element }) {
  const [drawerOpen, setDrawerOpen] = createSignal(false);
  const location = useLocation();
  createEffect(() => {
    location.pathname;
    setDrawerOpen(false);
  });

  createEffect(() => {
    const orgId = session.activeOrg?.id;
    if (!orgId || session.offline) return;
    const stop = listenToOrg(orgId, (event) => {
      if (event.type === 'alert') receiveAlertEvent(event);
      if (event.type === 'job') receiveJobEvent(event);
      if (event.type === 'credits.balance') receiveBalanceEvent(event);
      dispatchOrgEvent(event);
    });
    onCleanup(stop);
  });

  return (
    <div class="min-h-dvh">
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is in-page navigation; the handler only restores the focus move the router prevents. */}
      <a
        href="#main"
        // The router takes over link clicks, so move focus the way a plain fragment link would.
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
        class="sr-only focus:(not-sr-only fixed left-4 top-4 z-[70] rounded-lg bg-brand px-4 py-2 text-brand-fg shadow-lg outline-none ring-2 ring-brand ring-offset-2)"
      >
        {t('shell.skipToContent')}
      </a>
      <aside class="hidden md:block fixed inset-y-0 left-0 w-64 border-r border-line bg-surface">
        <SidebarContent />
      </aside>

      <Modal
        open={drawerOpen()}
        onOpenChange={setDrawerOpen}
        placement="left"
        class="w-[min(18rem,85vw)]"
        aria-label={t('shell.menu')}
      >
        <KDialog.Title class="sr-only">{t('shell.menu')}</KDialog.Title>
        <KDialog.CloseButton class="icon-btn absolute right-3 top-4" aria-label={t('common.close')}>
          <Icon name="close" />
        </KDialog.CloseButton>
        <SidebarContent onNavigate={() => setDrawerOpen(false)} />
      </Modal>

      <div class="md:pl-64">
        <header class="sticky top-0 z-20 flex h-14 items-center gap-2 border-b border-line bg-canvas/85 px-3 md:px-6 backdrop-blur">
          <button
            type="button"
            class="icon-btn md:hidden"
            aria-label={t('shell.openMenu')}
            onClick={() => setDrawerOpen(true)}
          >
            <Icon name="menu" class="size-5" />
          </button>
          <div class="flex min-w-0 grow items-center gap-2 md:hidden">
            <BrandMark class="size-7 shrink-0" />
            {/* A long name wraps to a second line rather than losing its end. */}
            <span class="line-clamp-2 text-sm font-semibold leading-tight text-fg">
              {session.activeOrg?.name}
            </span>
          </div>
          <div class="hidden grow md:block" />
          <CreditsBadge />
          <AlertsMenu />
          <div class="hidden items-center gap-2 md:flex">
            <LocaleMenu />
            <ThemeMenu />
          </div>
        </header>
        <OfflineBanner />
        <main
          id="main"
          tabIndex={-1}
          class="mx-auto w-full max-w-6xl px-4 py-6 md:px-8 md:py-8 pb-24 md:pb-8 outline-none"
        >
          {props.children}
        </main>
      </div>
      <BottomBar onMenu={() => setDrawerOpen(true)} />
      <JobsTray />
    </div>
  );
}
