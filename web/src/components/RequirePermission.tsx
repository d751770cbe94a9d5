/** A page only some roles may use: for the others, its title and why they cannot see it. */
import { type JSX, Show } from 'solid-js';
import type { Permission } from '../../../domain/permissions.ts';
import { t } from '../lib/i18n.ts';
import { can } from '../lib/session.ts';
import { EmptyState } from './EmptyState.tsx';
import { PageHeader } from './PageHeader.tsx';

export function RequirePermission(props: {
  permission: Permission;
  title: string;
  reason: string;
  children: JSX.Element;
}) {
  return (
    <Show
      when={can(props.permission)}
      fallback={
        <>
          <PageHeader title={props.title} />
          <div class="card">
            <EmptyState
              icon="shield"
              title={t('common.noAccessTitle')}
              description={props.reason}
            />
          </div>
        </>
      }
    >
      {props.children}
    </Show>
  );
}
