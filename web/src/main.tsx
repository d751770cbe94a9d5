/** Entry point: styles, theme, the app, and the service worker that lets it open offline. */
import '@unocss/reset/tailwind.css';
import 'virtual:uno.css';
import './styles/global.css';
import './lib/theme.ts';
import { registerSW } from 'virtual:pwa-register';
import { render } from 'solid-js/web';
import { App } from './App.tsx';
import { loadMessages } from './lib/i18n.ts';

// The first load carries the pt-BR words; someone who chose English waits for theirs, not for blanks.
loadMessages('auth', 'common', 'shell')
  .catch(() => undefined)
  .finally(() => render(() => <App />, document.getElementById('root')!));

if ('serviceWorker' in navigator) registerSW({ immediate: true });
