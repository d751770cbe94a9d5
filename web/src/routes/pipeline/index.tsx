/**
 * Pipeline: the org's boards (a switcher, and a new board for admins) and the chosen board's
 * live Kanban. The board in view is in the URL (`?board=`) and remembered per org, so the app
 * reopens on it, offline too. The list this device remembers opens the board at once: the fresh
 * list from the server replaces it when it comes, without holding the page (no Suspense) and
 * without reopening a board that is still in it. With no board yet, an owner or admin is offered
 * to create one; others are told who can.
 */
import { useSearchParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, Show } from 'solid-js';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Field } from '../../components/Field.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { t } from '../../lib/i18n.ts';
import { can, session } from '../../lib/session.ts';
import { BoardScreen } from './BoardScreen.tsx';
import {
  type BoardSummary,
  cachedBoards,
  createBoard,
  fetchBoards,
  lastBoardId,
  rememberBoard,
} from './boards-api.ts';
import { loadOrgPeople } from './org-people.ts';

export default function PipelinePage() {
  const orgId = session.activeOrg!.id;
  const [params, setParams] = useSearchParams<{ board?: string }>();
  const [boards, { mutate, refetch }] = createResource(
    () =>
      fetchBoards(orgId).catch((error) => {
        const remembered = cachedBoards(orgId);
        // Never listed on this device and the server out of reach: the section says so.
        if (remembered.length === 0) throw error;
        return remembered;
      }),
    { initialValue: cachedBoards(orgId) },
  );
  const people = loadOrgPeople(orgId);
  const [creating, setCreating] = createSignal(false);

  // `latest` never suspends: the remembered list shows while the server's is on its way.
  const list = () => boards.latest ?? [];
  const current = (): BoardSummary | undefined => {
    const wanted = params.board ?? lastBoardId(orgId);
    return list().find((b) => b.id === wanted) ?? list()[0];
  };
  createEffect(() => {
    const board = current();
    if (board) rememberBoard(orgId, board.id);
  });

  return (
    <div class="grid gap-4">
      <PageHeader
        title={t('sections.pipeline')}
        description={t('sections.pipelineDescription')}
        actions={
          <div class="flex items-center gap-2">
            <Show when={list().length > 0}>
              <label class="flex items-center gap-2 text-sm">
                <span class="sr-only">{t('pipeline.board')}</span>
                <select
                  class="input h-9 w-48"
                  data-testid="board-switcher"
                  aria-label={t('pipeline.board')}
                  value={current()?.id}
                  onChange={(event) => setParams({ board: event.currentTarget.value })}
                >
                  <For each={list()}>
                    {(board) => <option value={board.id}>{board.name}</option>}
                  </For>
                </select>
              </label>
            </Show>
            <Show when={can('boards:manage')}>
              <Button size="sm" icon="plus" onClick={() => setCreating(true)}>
                {t('pipeline.newBoard')}
              </Button>
            </Show>
          </div>
        }
      />
      <Show
        when={current()?.id}
        keyed
        fallback={
          <Show when={!boards.loading}>
            <Show
              when={can('boards:manage')}
              fallback={
                <EmptyState
                  icon="pipeline"
                  title={t('pipeline.noBoardsTitle')}
                  description={t('pipeline.noBoardsBody')}
                />
              }
            >
              <EmptyState
                icon="pipeline"
                title={t('pipeline.firstBoardTitle')}
                description={t('pipeline.firstBoardBody')}
                action={
                  <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
                    {t('pipeline.createBoard')}
                  </Button>
                }
              />
            </Show>
          </Show>
        }
      >
        {(boardId) => <BoardScreen orgId={orgId} boardId={boardId} people={people} />}
      </Show>
      <NewBoardDialog
        open={creating()}
        onOpenChange={setCreating}
        onCreated={(board) => {
          mutate([...list(), board]);
          setParams({ board: board.id });
          void refetch();
        }}
      />
    </div>
  );
}

function NewBoardDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (board: BoardSummary) => void;
}) {
  const [name, setName] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const board = await createBoard({ name: name().trim(), currency: 'BRL' });
      props.onOpenChange(false);
      setName('');
      props.onCreated(board);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange} title={t('pipeline.newBoard')}>
      <form class="grid gap-4" onSubmit={submit}>
        <Field
          label={t('pipeline.boardName')}
          name="name"
          value={name()}
          onInput={setName}
          error={error()}
          required
          autofocus
        />
        <div class="flex justify-end gap-2">
          <Button onClick={() => props.onOpenChange(false)}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" busy={busy()} disabled={!name().trim()}>
            {t('pipeline.createBoard')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
