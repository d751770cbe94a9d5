/** Light or dark: follows the system unless the person picked one, and remembers the pick. */
import { createEffect, createRoot, createSignal } from 'solid-js';

export type ThemePreference = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'gl-theme';
const media = matchMedia('(prefers-color-scheme: dark)');

function savedPreference(): ThemePreference {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

const [themePreference, setPreferenceSignal] = createSignal<ThemePreference>(savedPreference());
const [systemDark, setSystemDark] = createSignal(media.matches);
media.addEventListener('change', (event) => setSystemDark(event.matches));

export { themePreference };

export const isDark = () =>
  themePreference() === 'dark' || (themePreference() === 'system' && systemDark());

export function setThemePreference(preference: ThemePreference) {
  setPreferenceSignal(preference);
  if (preference === 'system') localStorage.removeItem(STORAGE_KEY);
  else localStorage.setItem(STORAGE_KEY, preference);
}

createRoot(() =>
  createEffect(() => {
    const dark = isDark();
    document.documentElement.classList.toggle('dark', dark);
    document
      .querySelector('meta[name="theme-color"]')
      ?.setAttribute('content', dark ? '#0b1120' : '#0f766e');
  }),
);
