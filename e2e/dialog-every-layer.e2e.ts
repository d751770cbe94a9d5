/**
 * Every dialog, drawer, prompt and menu of the app besides the lead drawer (dialog-lead-drawer),
 * on a desktop and on a phone: each opens, closes by its × or Cancelar, by Escape and by a click
 * beside it, opens again, and each time nothing of it stays on the page, focus is back on what
 * opened it, and what lay under it takes the next click (see `walkLayer`).
 */
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { newPersonContext, uniqueEmail, useBrowser } from './browser.ts';
import { type CloseWay, type Layer, SIZES, walkLayer } from './dialogs.ts';
import { apiAs, DEMO, openBoardAs, uniqueName } from './pipeline.ts';

const browser = useBrowser();

/** A dialog opened by `trigger`, titled `title`, closed also by the named buttons in it. */
function dialog(
  page: Page,
  trigger: Locator,
  title: string | RegExp,
  buttons: string[],
  options: { role?: 'dialog' | 'alertdialog'; modal?: boolean } = {},
): Layer {
  const layer = page.getByRole(options.role ?? 'dialog', { name: title });
  const close: CloseWay[] = buttons.map((name) =>
    layer.getByRole('button', { name, exact: true }).first(),
  );
  return {
    name: `the "${title}" ${options.role ?? 'dialog'}`,
    trigger,
    layer,
    close: [...close, 'outside'],
    modal: options.modal,
  };
}

/** A menu opened by `trigger`. */
function menu(page: Page, trigger: Locator, name: string): Layer {
  return { name: `the ${name} menu`, trigger, layer: page.getByRole('menu'), close: ['outside'] };
}

/** The options of the select labelled `label`; unlike a menu, they leave the page usable while open. */
function options(
  page: Page,
  label: string,
  trigger = button(page, new RegExp(`^${label}`)),
): Layer {
  return {
    name: `the "${label}" options`,
    trigger,
    layer: page.getByRole('listbox'),
    close: ['outside'],
    modal: false,
  };
}

const button = (scope: Page | Locator, name: string | RegExp) =>
  scope.getByRole('button', { name, exact: typeof name === 'string' });

interface Screen {
  path: string;
  /** Something on the page that shows it has loaded. */
  ready: (page: Page) => Locator;
  layers: (page: Page, phone: boolean) => Layer[];
}

/** The frame around every page: the top bar's menus, and the sidebar's (on a phone, in a drawer). */
function shellLayers(page: Page, phone: boolean): Layer[] {
  const navTrigger = button(page, 'Abrir menu');
  const nav = page.getByRole('dialog', { name: 'Menu' });
  const sidebar = phone ? nav : page.locator('aside');
  const orgSwitcher = sidebar.getByTestId('org-switcher');
  const createOrg = page.getByRole('dialog', { name: 'Criar organização' });
  const sidebarLayers: Layer[] = [
    menu(page, orgSwitcher, 'organization'),
    // Named by the person it shows, then "Menu da conta".
    menu(page, button(sidebar, /Menu da conta$/), 'account'),
    {
      name: 'the "Criar organização" dialog',
      trigger: orgSwitcher,
      open: async () => {
        await orgSwitcher.click();
        await page.getByRole('menuitem', { name: 'Criar organização' }).click();
      },
      layer: createOrg,
      close: [createOrg.getByRole('button', { name: 'Fechar' }), 'outside'],
    },
  ];
  // Theme and language: in the top bar on a desktop; on a phone in the menu drawer, which leaves
  // the top bar room for the org's name. The language button reads "PT · Idioma".
  const settingsBar = phone ? nav : page.getByRole('banner');
  const settingsMenus: Layer[] = [
    menu(page, button(settingsBar, 'Tema'), 'theme'),
    menu(page, button(settingsBar, /Idioma$/), 'language'),
  ];
  return [
    dialog(page, button(page, /alerta/i), 'Alertas', ['Fechar'], { modal: false }),
    ...(phone
      ? [
          dialog(page, navTrigger, 'Menu', ['Fechar']),
          // Opened from the drawer, which is closed after each.
          ...[...settingsMenus, ...sidebarLayers].map((layer) => ({
            ...layer,
            open: async () => {
              await navTrigger.click();
              await nav.waitFor();
              await (layer.open ? layer.open() : layer.trigger.click());
            },
            afterClose: async () => {
              await page.keyboard.press('Escape');
              await nav.waitFor({ state: 'detached', timeout: 3000 });
            },
          })),
        ]
      : [...settingsMenus, ...sidebarLayers]),
  ];
}

const SCREENS = (fixtures: {
  keyName: string;
  invitedEmail: string;
  productId: string;
}): Screen[] => [
  {
    path: '/pipeline',
    ready: (page) => page.locator('[data-testid="connection-state"][data-state="live"]'),
    layers: (page, phone) => [
      dialog(page, button(page, 'Novo quadro'), 'Novo quadro', ['Fechar', 'Cancelar']),
      dialog(page, button(page, 'Etapas'), 'Etapas', ['Fechar']),
      dialog(page, button(page, 'Importar CSV'), 'Importar leads de um CSV', ['Fechar']),
      dialog(page, button(page, 'Novo lead'), 'Novo lead', ['Fechar', 'Cancelar']),
      ...shellLayers(page, phone),
    ],
  },
  {
    path: '/studio',
    ready: (page) => page.getByRole('button', { name: 'Excluir' }).first(),
    layers: (page) => [
      options(page, 'Modelo'),
      dialog(page, button(page, 'Excluir').first(), 'Excluir esta geração?', ['Cancelar'], {
        role: 'alertdialog',
      }),
    ],
  },
  {
    path: '/products',
    ready: (page) => button(page, /^(Aprovar|Rejeitar)$/).first(),
    layers: (page) => [
      dialog(page, button(page, 'Novo produto'), 'Novo produto', ['Fechar', 'Cancelar']),
      dialog(page, button(page, 'Importar CSV'), 'Importar CSV', ['Fechar']),
      dialog(page, button(page, /^(Aprovar|Rejeitar)$/).first(), /^(Aprovar|Rejeitar) “/, [
        'Fechar',
        'Cancelar',
      ]),
    ],
  },
  {
    path: `/products/${fixtures.productId}`,
    ready: (page) => button(page, /^(Aprovar|Rejeitar)$/).first(),
    layers: (page) => [
      dialog(page, button(page, /^(Aprovar|Rejeitar)$/).first(), /^(Aprovar|Rejeitar) “/, [
        'Fechar',
        'Cancelar',
      ]),
    ],
  },
  {
    path: '/campaigns',
    ready: (page) => button(page, 'Nova campanha'),
    layers: (page) => [
      dialog(page, button(page, 'Nova campanha'), 'Nova campanha', ['Fechar', 'Cancelar']),
    ],
  },
  {
    path: '/autopilot',
    ready: (page) => button(page, /^Modo/),
    layers: (page) => [options(page, 'Modo')],
  },
  {
    path: '/credits',
    ready: (page) => button(page, /^Período/),
    layers: (page) => [options(page, 'Período')],
  },
  {
    path: '/members',
    ready: (page) => page.getByText(fixtures.invitedEmail),
    layers: (page) => [
      options(page, 'Papel', button(page, 'Papel Membro')),
      dialog(
        page,
        page
          .getByTestId('pending-invitation')
          .filter({ hasText: fixtures.invitedEmail })
          .getByRole('button', { name: 'Revogar' }),
        'Revogar convite?',
        ['Cancelar'],
        { role: 'alertdialog' },
      ),
      dialog(page, button(page, 'Remover Carla Vendas'), 'Remover membro?', ['Cancelar'], {
        role: 'alertdialog',
      }),
    ],
  },
  {
    path: '/api-keys',
    ready: (page) => page.getByText(fixtures.keyName),
    layers: (page) => [
      dialog(page, button(page, 'Criar chave'), 'Nova chave de API', ['Fechar', 'Cancelar']),
      dialog(
        page,
        page.getByTestId('api-key-row').filter({ hasText: fixtures.keyName }).getByRole('button', {
          name: 'Revogar',
        }),
        'Revogar chave?',
        ['Cancelar'],
        { role: 'alertdialog' },
      ),
    ],
  },
  {
    path: '/settings',
    ready: (page) => button(page, /^Moeda/),
    layers: (page) => [
      options(page, 'Moeda'),
      {
        // A combobox: Escape leaves focus in its field or on its button, both in its control.
        ...options(page, 'Fuso horário', button(page, /^Fuso horário/)),
        focusReturnsTo: page.getByRole('combobox', { name: /^Fuso horário/ }).locator('xpath=..'),
      },
    ],
  },
];

for (const size of SIZES) {
  test(`on a ${size.name}, every dialog, prompt and menu closes each way and gives the page back`, async (t) => {
    // Something to revoke on the members and API keys pages (only closed here, never confirmed),
    // and a product of the demo to open.
    const api = await apiAs(DEMO);
    const { items } = await api<{ items: { id: string }[] }>('GET', '/products?limit=1');
    const fixtures = {
      keyName: uniqueName('Chave'),
      invitedEmail: uniqueEmail('convite'),
      productId: items[0]!.id,
    };
    await api('POST', '/org/api-keys', { name: fixtures.keyName, scopes: ['leads:read'] });
    await api('POST', '/org/invitations', { email: fixtures.invitedEmail, role: 'member' });

    const context = await newPersonContext(browser(), size);
    const page = await openBoardAs(context, DEMO);
    const phone = size.name === 'phone';
    for (const screen of SCREENS(fixtures)) {
      await t.test(screen.path, async () => {
        if (!page.url().endsWith(screen.path)) await page.goto(screen.path);
        await screen.ready(page).waitFor();
        for (const layer of screen.layers(page, phone)) await walkLayer(page, layer);
      });
    }
    await context.close();
  });
}
