/** UnoCSS: utility classes, the product's semantic colors (CSS variables that flip in dark mode) and shared shortcuts. */
import { defineConfig, presetWind3, transformerVariantGroup } from 'unocss';

export default defineConfig({
  presets: [presetWind3({ dark: 'class' })],
  transformers: [transformerVariantGroup()],
  theme: {
    colors: {
      canvas: 'var(--c-canvas)',
      surface: { DEFAULT: 'var(--c-surface)', muted: 'var(--c-surface-muted)' },
      line: 'var(--c-line)',
      fg: { DEFAULT: 'var(--c-fg)', muted: 'var(--c-fg-muted)' },
      brand: {
        DEFAULT: 'var(--c-brand)',
        strong: 'var(--c-brand-strong)',
        soft: 'var(--c-brand-soft)',
        fg: 'var(--c-brand-fg)',
      },
      accent: { DEFAULT: 'var(--c-accent)', soft: 'var(--c-accent-soft)' },
      danger: { DEFAULT: 'var(--c-danger)', soft: 'var(--c-danger-soft)' },
      warn: { DEFAULT: 'var(--c-warn)', soft: 'var(--c-warn-soft)' },
    },
    fontFamily: {
      sans: '"Inter var", Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      mono: 'ui-monospace, "SF Mono", "Cascadia Code", Menlo, Consolas, monospace',
    },
  },
  shortcuts: {
    'focus-ring': 'outline-none focus-visible:(ring-2 ring-brand ring-offset-2 ring-offset-canvas)',
    btn: 'inline-flex items-center justify-center gap-2 h-10 px-4 rounded-lg text-sm font-medium whitespace-nowrap select-none transition-colors focus-ring disabled:(opacity-50 cursor-not-allowed) cursor-pointer',
    'btn-sm': 'h-8 px-3 text-[13px]',
    'btn-primary': 'btn bg-brand text-brand-fg hover:enabled:bg-brand-strong shadow-sm',
    'btn-secondary':
      'btn bg-surface text-fg border border-line hover:enabled:bg-surface-muted shadow-sm',
    'btn-ghost': 'btn text-fg hover:enabled:bg-surface-muted',
    'btn-danger': 'btn bg-danger text-white hover:enabled:opacity-90 shadow-sm',
    'icon-btn':
      'inline-flex shrink-0 items-center justify-center h-9 w-9 rounded-lg text-fg-muted hover:(bg-surface-muted text-fg) focus-ring cursor-pointer disabled:(opacity-50 cursor-not-allowed)',
    input:
      'h-10 w-full rounded-lg border border-line bg-surface px-3 text-sm text-fg placeholder:text-fg-muted focus-ring data-[invalid]:border-danger aria-[invalid=true]:border-danger disabled:(opacity-60 cursor-not-allowed) data-[readonly]:bg-surface-muted',
    card: 'bg-surface border border-line rounded-xl shadow-sm',
    // Animated only while open, so Kobalte never waits on a closed menu for an animation: see Dialog.tsx.
    'menu-content':
      'z-50 min-w-48 p-1 bg-surface border border-line rounded-xl shadow-lg outline-none data-[expanded]:(animate-fade-in animate-duration-150)',
    'menu-item':
      'flex items-center gap-2 px-3 py-2 rounded-lg text-sm text-fg cursor-pointer outline-none select-none data-[highlighted]:bg-surface-muted data-[disabled]:(opacity-50 cursor-not-allowed)',
    'label-text': 'text-sm font-medium text-fg',
    'help-text': 'text-xs text-fg-muted',
    'error-text': 'text-xs font-medium text-danger',
    th: 'px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-fg-muted',
    td: 'px-4 py-3 text-sm text-fg align-middle',
  },
});
