/** Grey shimmering placeholders in the shape of what is loading. */
import { For } from 'solid-js';

export function SkeletonLine(props: { class?: string }) {
  return <div class={`skeleton h-4 ${props.class ?? 'w-full'}`} aria-hidden="true" />;
}

export function SkeletonRows(props: { rows?: number; label: string }) {
  return (
    <div class="grid gap-4 p-4" role="status" aria-label={props.label}>
      <For each={Array.from({ length: props.rows ?? 4 })}>
        {(_, i) => (
          <div class="flex items-center gap-3">
            <div class="skeleton size-9 rounded-full" aria-hidden="true" />
            <div class="grid gap-2 grow">
              <SkeletonLine class={i() % 2 ? 'w-2/5' : 'w-1/3'} />
              <SkeletonLine class={i() % 2 ? 'w-1/4' : 'w-1/2'} />
            </div>
          </div>
        )}
      </For>
    </div>
  );
}
