/** The empty state of a section still being built: what will live there, and three things it will do. */
import { For } from 'solid-js';
import { EmptyState } from './EmptyState.tsx';
import { Icon, type IconName } from './Icon.tsx';
import { PageHeader } from './PageHeader.tsx';

export function SectionPreview(props: {
  icon: IconName;
  title: string;
  description: string;
  emptyTitle: string;
  emptyBody: string;
  features: string[];
}) {
  return (
    <>
      <PageHeader title={props.title} description={props.description} />
      <section class="card" data-testid="section-preview">
        <EmptyState icon={props.icon} title={props.emptyTitle} description={props.emptyBody}>
          <ul class="mt-2 grid w-full max-w-md gap-2 text-left">
            <For each={props.features}>
              {(feature) => (
                <li class="flex items-start gap-2.5 rounded-lg bg-surface-muted px-3 py-2.5 text-sm text-fg">
                  <Icon name="checkCircle" class="mt-0.5 size-4 text-brand" />
                  {feature}
                </li>
              )}
            </For>
          </ul>
        </EmptyState>
      </section>
    </>
  );
}
