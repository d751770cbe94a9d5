/**
 * Line icons. The drawings (Lucide's) live in one SVG sprite, a hashed asset the browser fetches
 * the first time an icon shows and then keeps for a year: no page carries them in its JavaScript.
 * Also the brand marks, which are drawn inline.
 */
import { createUniqueId, type JSX, splitProps } from 'solid-js';
import type { IconName } from './icon-names.ts';
import spriteUrl from './icons.svg?url&no-inline';

export type { IconName };

export function Icon(props: { name: IconName } & JSX.SvgSVGAttributes<SVGSVGElement>) {
  const [local, rest] = splitProps(props, ['name', 'class']);
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      class={`shrink-0 ${local.class ?? 'size-4'}`}
      {...rest}
    >
      <use href={`${spriteUrl}#${local.name}`} />
    </svg>
  );
}

/** Google's "G", in its own colours, for the sign-in button. */
export function GoogleMark() {
  return (
    <svg viewBox="0 0 48 48" class="size-4 shrink-0" aria-hidden="true">
      <path
        fill="#FFC107"
        d="M43.6 20.5H42V20H24v8h11.3C33.7 32.7 29.2 36 24 36c-6.6 0-12-5.4-12-12s5.4-12 12-12c3.1 0 5.8 1.2 7.9 3.1l5.7-5.7C34 6.1 29.3 4 24 4 12.9 4 4 12.9 4 24s8.9 20 20 20 20-8.9 20-20c0-1.3-.1-2.4-.4-3.5z"
      />
      <path
        fill="#FF3D00"
        d="m6.3 14.7 6.6 4.8C14.7 15.1 19 12 24 12c3.1 0 5.8 1.2 7.9 3.1l5.7-5.7C34 6.1 29.3 4 24 4 16.3 4 9.7 8.3 6.3 14.7z"
      />
      <path
        fill="#4CAF50"
        d="M24 44c5.2 0 9.9-2 13.4-5.2l-6.2-5.2C29.2 35.1 26.7 36 24 36c-5.2 0-9.6-3.3-11.3-7.9l-6.5 5C9.5 39.6 16.2 44 24 44z"
      />
      <path
        fill="#1976D2"
        d="M43.6 20.5H42V20H24v8h11.3c-.8 2.2-2.2 4.2-4.1 5.6l6.2 5.2C37 39.2 44 34 44 24c0-1.3-.1-2.4-.4-3.5z"
      />
    </svg>
  );
}

/** The GestorLead mark: rising bars on a teal-to-indigo tile. */
export function BrandMark(props: { class?: string }) {
  // One gradient id per copy: a url(#id) that resolves to a copy inside a hidden sidebar paints nothing.
  const gradientId = `gl-mark-${createUniqueId()}`;
  return (
    <svg viewBox="0 0 64 64" class={props.class ?? 'size-8'} aria-hidden="true">
      <defs>
        <linearGradient id={gradientId} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stop-color="#14b8a6" />
          <stop offset="1" stop-color="#4f46e5" />
        </linearGradient>
      </defs>
      <rect width="64" height="64" rx="16" fill={`url(#${gradientId})`} />
      <rect x="15" y="34" width="8" height="15" rx="4" fill="#fff" opacity=".75" />
      <rect x="28" y="25" width="8" height="24" rx="4" fill="#fff" opacity=".9" />
      <rect x="41" y="15" width="8" height="34" rx="4" fill="#fff" />
    </svg>
  );
}
