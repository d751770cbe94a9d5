/** Copies a text to the clipboard and says so, with a fallback where the Clipboard API is refused. */
import { createSignal } from 'solid-js';
import { t } from '../lib/i18n.ts';
import { Button } from './Button.tsx';

export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Insecure origins and some browsers refuse the async API; a selected textarea still works.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

export function CopyButton(props: {
  text: string;
  label?: string;
  size?: 'sm' | 'md';
  variant?: 'primary' | 'secondary';
}) {
  const [copied, setCopied] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const copy = async () => {
    await copyText(props.text);
    setCopied(true);
    clearTimeout(timer);
    timer = setTimeout(() => setCopied(false), 2000);
  };
  return (
    <Button
      variant={props.variant ?? 'secondary'}
      size={props.size}
      icon={copied() ? 'check' : 'copy'}
      onClick={copy}
    >
      <span aria-live="polite">
        {copied() ? t('common.copied') : (props.label ?? t('common.copy'))}
      </span>
    </Button>
  );
}
