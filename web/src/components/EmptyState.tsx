/** What a page shows when there is nothing yet: an icon, what will be here, and the next step. */
import { type JSX, Show } from 'solid-js';
import { Icon, type IconName } from './Icon.tsx';

export function EmptyState(props: {
  icon: IconName;
  title: string;
  description: string;
  action?: JSX.Element;
  children?: JSX.Element;
}) {
  return (
    <div class="flex flex-col items-center text-center gap-3 px-6 py-14">
      <div class="grid place-items-center size-14 rounded-2xl bg-brand-soft text-brand">
        <Icon name={props.icon} class="size-7" />
      </div>
      <h2 class="text-base font-semibold text-fg">{props.title}</h2>
      <p class="max-w-md text-sm text-fg-muted leading-relaxed">{props.description}</p>
      {props.children}
      <Show when={props.action}>
        <div class="mt-2">{props.action}</div>
      </Show>
    </div>
  );
}
