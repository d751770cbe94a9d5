/** One way to show a list's state: its error, a skeleton while it loads, its empty state, or the list. */
import { type JSX, Match, Switch } from 'solid-js';
import { describeError } from '../lib/errors.ts';
import { t } from '../lib/i18n.ts';
import { Notice } from './Notice.tsx';
import { SkeletonRows } from './Skeleton.tsx';

export function ListStatus(props: {
  error?: unknown;
  loading: boolean;
  empty: boolean;
  emptyState: JSX.Element;
  skeletonRows?: number;
  children: JSX.Element;
}) {
  return (
    <Switch fallback={props.children}>
      <Match when={props.error}>
        <Notice kind="error" class="m-4">
          {describeError(props.error)}
        </Notice>
      </Match>
      <Match when={props.loading}>
        <SkeletonRows rows={props.skeletonRows ?? 3} label={t('common.loading')} />
      </Match>
      <Match when={props.empty}>{props.emptyState}</Match>
    </Switch>
  );
}
