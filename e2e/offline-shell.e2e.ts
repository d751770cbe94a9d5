/** After one visit, the service worker has the app shell: it opens with the network off. */
import { test } from 'node:test';
import { newPersonContext, signUp, uniqueEmail, useBrowser } from './browser.ts';

const browser = useBrowser();

test('the app shell opens offline after a first visit', async () => {
  const context = await newPersonContext(browser());
  const page = await context.newPage();
  await signUp(page, {
    name: 'Otto Offline',
    email: uniqueEmail('offline'),
    orgName: 'Agência Sem Rede',
  });
  // Wait until the service worker has installed (precached) and controls the page.
  // Page-side code as a string: the root tsconfig (shared with the Worker) has no DOM types.
  await page.evaluate(`(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
  })()`);

  await context.setOffline(true);
  await page.reload();
  await page.getByRole('navigation', { name: 'Navegação principal' }).waitFor();
  await page.getByTestId('offline-banner').waitFor();
  await page.getByTestId('org-switcher').getByText('Agência Sem Rede').waitFor();
  // A section not opened before comes from the precache too.
  await page.getByRole('link', { name: 'Relatórios' }).click();
  await page.getByRole('heading', { name: 'Relatórios', level: 1 }).waitFor();
  await context.setOffline(false);
  await context.close();
});
