/** A page's title, one-line explanation and its main actions. */
import { type JSX, Show } from 'solid-js';

export function PageHeader(props: { title: string; description?: string; actions?: JSX.Element }) {
  return (
    <header class="flex flex-wrap items-end justify-between gap-4 mb-6">
      <div class="grid gap-1 min-w-0">
        <h1 class="text-2xl font-semibold tracking-tight text-fg">{props.title}</h1>
        <Show when={props.description}>
          <p class="text-sm text-fg-muted max-w-2xl">{props.description}</p>
        </Show>
      </div>
      <Show when={props.actions}>
        <div class="flex flex-wrap items-center gap-2">{props.actions}</div>
      </Show>
    </header>
  );
}
