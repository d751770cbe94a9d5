/** A short hint on hover or keyboard focus (Kobalte Tooltip), e.g. why a control is disabled. */
import { Tooltip as KTooltip } from '@kobalte/core/tooltip';
import type { JSX } from 'solid-js';

export function Tooltip(props: {
  content: string;
  children: JSX.Element;
  placement?: 'top' | 'bottom' | 'right';
  /** Let keyboard users reach the hint when the child itself cannot take focus (text, disabled buttons). */
  focusable?: boolean;
}) {
  return (
    <KTooltip openDelay={300} placement={props.placement ?? 'top'} gutter={6}>
      <KTooltip.Trigger
        as="span"
        class="inline-flex rounded focus-ring"
        tabIndex={props.focusable ? 0 : -1}
      >
        {props.children}
      </KTooltip.Trigger>
      <KTooltip.Portal>
        <KTooltip.Content class="z-50 max-w-64 rounded-md bg-slate-900 px-2.5 py-1.5 text-xs text-white shadow-lg data-[expanded]:(animate-fade-in animate-duration-100) dark:bg-slate-100 dark:text-slate-900">
          {props.content}
        </KTooltip.Content>
      </KTooltip.Portal>
    </KTooltip>
  );
}
