/** An inline message box: errors above a form's button, warnings, tips. Errors are announced. */
import type { JSX } from 'solid-js';
import { Icon } from './Icon.tsx';

const KINDS = {
  error: { box: 'bg-danger-soft text-danger border-danger/20', icon: 'alert' },
  warning: { box: 'bg-warn-soft text-warn border-warn/20', icon: 'alert' },
  info: { box: 'bg-accent-soft text-accent border-accent/20', icon: 'info' },
  success: { box: 'bg-brand-soft text-brand-strong border-brand/20', icon: 'checkCircle' },
} as const;

export function Notice(props: { kind: keyof typeof KINDS; children: JSX.Element; class?: string }) {
  return (
    <div
      role={props.kind === 'error' ? 'alert' : 'status'}
      class={`flex items-start gap-2.5 rounded-lg border px-3 py-2.5 text-sm ${KINDS[props.kind].box} ${props.class ?? ''}`}
    >
      <Icon name={KINDS[props.kind].icon} class="size-4 mt-0.5" />
      <div class="min-w-0 grow">{props.children}</div>
    </div>
  );
}
