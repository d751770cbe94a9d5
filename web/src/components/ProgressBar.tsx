/** Progress (Kobalte): a percentage when known, a sliding bar while it is not. */
import { Progress } from '@kobalte/core/progress';
import { Show } from 'solid-js';

export function ProgressBar(props: { value?: number | null; label: string; class?: string }) {
  const known = () => typeof props.value === 'number';
  return (
    <Progress
      value={props.value ?? 0}
      indeterminate={!known()}
      class={`grid gap-1 ${props.class ?? ''}`}
    >
      <Progress.Label class="sr-only">{props.label}</Progress.Label>
      <Progress.Track class="h-1.5 w-full overflow-hidden rounded-full bg-surface-muted">
        <Show
          when={known()}
          fallback={
            <div class="h-full w-2/5 rounded-full bg-brand animate-[gl-indeterminate_1.2s_ease-in-out_infinite]" />
          }
        >
          <Progress.Fill class="h-full rounded-full bg-brand transition-[width] duration-300 w-[var(--kb-progress-fill-width)]" />
        </Show>
      </Progress.Track>
    </Progress>
  );
}
