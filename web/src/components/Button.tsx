/** The one button: four looks, two sizes, an optional icon and a busy state that blocks double submits. */
import { type JSX, Show, splitProps } from 'solid-js';
import { Icon, type IconName } from './Icon.tsx';
import { Spinner } from './Spinner.tsx';

const VARIANTS = {
  primary: 'btn-primary',
  secondary: 'btn-secondary',
  ghost: 'btn-ghost',
  danger: 'btn-danger',
} as const;

export type ButtonProps = JSX.ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: keyof typeof VARIANTS;
  size?: 'sm' | 'md';
  icon?: IconName;
  busy?: boolean;
};

export function Button(props: ButtonProps) {
  const [local, rest] = splitProps(props, ['variant', 'size', 'icon', 'busy', 'class', 'children']);
  return (
    <button
      type="button"
      {...rest}
      class={`${VARIANTS[local.variant ?? 'secondary']} ${local.size === 'sm' ? 'btn-sm' : ''} ${local.class ?? ''}`}
      disabled={rest.disabled || local.busy}
      aria-busy={local.busy || undefined}
    >
      <Show when={local.busy} fallback={local.icon && <Icon name={local.icon} />}>
        <Spinner />
      </Show>
      {local.children}
    </button>
  );
}
