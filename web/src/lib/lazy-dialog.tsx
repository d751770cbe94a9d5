/**
 * A dialog (or drawer) whose code is fetched the first time it opens rather than with its page,
 * then kept mounted, so it closes and reopens like any other. Until then it renders nothing.
 */
import { type Component, createComputed, createSignal, lazy, Show, Suspense } from 'solid-js';

export function lazyDialog<Props extends Record<string, unknown>>(
  load: () => Promise<Component<Props>>,
  isOpen: (props: Props) => boolean,
): Component<Props> {
  const Dialog = lazy(() => load().then((component) => ({ default: component })));
  return (props) => {
    const [opened, setOpened] = createSignal(false);
    createComputed(() => {
      if (isOpen(props)) setOpened(true);
    });
    return (
      <Show when={opened()}>
        <Suspense>
          <Dialog {...props} />
        </Suspense>
      </Show>
    );
  };
}
