/**
 * One open board: its live document, the toolbar (presence, connection, filters, actions), the
 * columns, and the lead drawer. The document lives on this device too, so everything here also
 * works offline and shows before the sync; the indicator says whether edits are live, syncing or
 * waiting for the network.
 */
import { createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { Button } from '../../components/Button.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Icon } from '../../components/Icon.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { t } from '../../lib/i18n.ts';
import { lazyDialog } from '../../lib/lazy-dialog.tsx';
import { personColor } from '../../lib/person-avatar.ts';
import { can, session } from '../../lib/session.ts';
import { Avatar } from './Avatar.tsx';
import { BoardFilters } from './BoardFilters.tsx';
import { type ConnectionState, connectBoard } from './board-connection.ts';
import { createBoardStore } from './board-store.ts';
import { type BoardFilter, buildColumns, facets, NO_FILTER } from './board-view.ts';
import { EmptyBoard } from './EmptyBoard.tsx';
import { KanbanBoard } from './KanbanBoard.tsx';
import type { Person } from './org-people.ts';
import { trackPresence } from './presence.ts';

// Fetched when first opened: the board's first cards need none of them.
const LeadDrawer = lazyDialog(
  () => import('./LeadDrawer.tsx').then((m) => m.LeadDrawer),
  (props) => props.leadId !== null,
  (props) => props.onClose(),
);
const NewLeadDialog = lazyDialog(
  () => import('./NewLeadDialog.tsx').then((m) => m.NewLeadDialog),
  (props) => props.open,
  (props) => props.onOpenChange(false),
);
const StageManager = lazyDialog(
  () => import('./StageManager.tsx').then((m) => m.StageManager),
  (props) => props.open,
  (props) => props.onOpenChange(false),
);
const ImportDialog = lazyDialog(
  () => import('./ImportDialog.tsx').then((m) => m.ImportDialog),
  (props) => props.open,
  (props) => props.onOpenChange(false),
);
const ConnectFormDialog = lazyDialog(
  () => import('./ConnectFormDialog.tsx').then((m) => m.ConnectFormDialog),
  (props) => props.open,
  (props) => props.onOpenChange(false),
);

const MINUTE_MS = 60_000;

export function BoardScreen(props: { orgId: string; boardId: string; people: () => Person[] }) {
  const user = session.user!;
  const connection = connectBoard(props.orgId, props.boardId, {
    id: user.id,
    name: user.name,
    color: personColor(user.id),
  });
  const store = createBoardStore(connection.doc);
  const presence = trackPresence(connection, user.id);
  onCleanup(() => {
    store.dispose();
    connection.close();
  });

  const canEditLeads = () => can('leads:write');
  const canEditStages = () => can('boards:write');

  const [filter, setFilter] = createSignal<BoardFilter>(NO_FILTER);
  const [now, setNow] = createSignal(Date.now());
  const clock = setInterval(() => setNow(Date.now()), MINUTE_MS);
  onCleanup(() => clearInterval(clock));

  const columns = createMemo(() => {
    store.leadsVersion();
    return buildColumns(store.stages(), store.leads(), filter());
  });
  const boardFacets = createMemo(() => {
    store.leadsVersion();
    return facets(store.leads());
  });

  const [openLeadId, setOpenLeadId] = createSignal<string | null>(null);
  const [askLossReason, setAskLossReason] = createSignal(false);
  const openLead = (id: string | null, options: { askLossReason?: boolean } = {}) => {
    setAskLossReason(!!options.askLossReason);
    setOpenLeadId(id);
    connection.setPresence({ leadId: id });
  };
  /** A card dropped in a lost stage without a reason opens its drawer at the loss reason. */
  const afterDrop = (leadId: string, stageId: string) => {
    const lost = store.stages().find((stage) => stage.id === stageId)?.outcome === 'lost';
    if (lost && !store.lead(leadId)?.lostReason) openLead(leadId, { askLossReason: true });
  };
  const [dialog, setDialog] = createSignal<'newLead' | 'stages' | 'import' | 'form' | null>(null);
  const isEmpty = createMemo(() => {
    store.leadsVersion();
    return store.leads().next().done === true;
  });

  // The live region: re-setting the same text must still be read, hence the clear first.
  const [announcement, setAnnouncement] = createSignal('');
  const announce = (message: string) => {
    setAnnouncement('');
    queueMicrotask(() => setAnnouncement(message));
  };

  const peopleById = createMemo(() => new Map(props.people().map((p) => [p.userId, p.name])));
  const ownerName = (id: string) => peopleById().get(id) ?? null;

  return (
    <div class="grid gap-4">
      <div class="flex flex-wrap items-center gap-3">
        <ConnectionBadge state={connection.state()} />
        <ul class="flex -space-x-2" data-testid="board-presence" aria-label={t('pipeline.onBoard')}>
          <For each={presence.people()}>
            {(person) => (
              <li>
                <Avatar userId={person.id} name={person.name} live />
              </li>
            )}
          </For>
        </ul>
        <div class="grow" />
        <Show when={canEditStages()}>
          <Button size="sm" icon="settings" onClick={() => setDialog('stages')}>
            {t('pipeline.manageStages')}
          </Button>
        </Show>
        <Show when={canEditLeads()}>
          <Button size="sm" icon="upload" onClick={() => setDialog('import')}>
            {t('pipeline.importCsv')}
          </Button>
          <Button
            size="sm"
            variant="primary"
            icon="plus"
            onClick={() => setDialog('newLead')}
            disabled={store.stages().length === 0}
          >
            {t('pipeline.newLead')}
          </Button>
        </Show>
      </div>

      <BoardFilters
        value={filter()}
        onChange={setFilter}
        tags={boardFacets().tags}
        owners={boardFacets().ownerIds.map((id) => ({
          id,
          name: ownerName(id) ?? t('pipeline.unknownOwner'),
        }))}
      />

      <Show when={!canEditLeads()}>
        <p class="text-sm text-fg-muted" data-testid="read-only-note">
          <Icon name="info" class="mr-1 inline size-4 align-[-3px]" />
          {t('pipeline.readOnly')}
        </p>
      </Show>

      <p id="kanban-instructions" class="sr-only">
        {canEditLeads() ? t('pipeline.instructions') : t('pipeline.instructionsReadOnly')}
      </p>
      <div aria-live="assertive" aria-atomic="true" class="sr-only" data-testid="kanban-announcer">
        {announcement()}
      </div>

      <Show when={connection.loaded() && isEmpty()}>
        <EmptyBoard
          canAddLeads={canEditLeads() && store.stages().length > 0}
          canConnectForm={can('boards:manage')}
          onNewLead={() => setDialog('newLead')}
          onImport={() => setDialog('import')}
          onConnectForm={() => setDialog('form')}
        />
      </Show>
      <Show
        when={connection.loaded()}
        fallback={
          <Show
            when={connection.state() === 'offline'}
            fallback={<ProgressBar label={t('pipeline.loadingBoard')} class="w-full" />}
          >
            <EmptyState
              icon="wifiOff"
              title={t('pipeline.boardNotHereTitle')}
              description={t('pipeline.boardNotHereBody')}
            />
          </Show>
        }
      >
        <KanbanBoard
          store={store}
          columns={columns()}
          doc={connection.doc}
          canEdit={canEditLeads()}
          currency={store.info().currency}
          now={now()}
          ownerName={ownerName}
          viewersOf={presence.viewersOf}
          onOpen={openLead}
          announce={announce}
          onDropped={afterDrop}
        />
      </Show>

      <LeadDrawer
        leadId={openLeadId()}
        onClose={() => openLead(null)}
        doc={connection.doc}
        store={store}
        canEdit={canEditLeads()}
        people={props.people()}
        viewers={openLeadId() ? presence.viewersOf(openLeadId()!) : []}
        askLossReason={askLossReason()}
      />
      <NewLeadDialog
        open={dialog() === 'newLead'}
        onOpenChange={(open) => setDialog(open ? 'newLead' : null)}
        doc={connection.doc}
        stages={store.stages()}
        currency={store.info().currency}
        people={props.people()}
        selfId={user.id}
        onCreated={(id) => {
          store.flush();
          announce(t('pipeline.leadCreated', { name: store.lead(id)?.name ?? '' }));
        }}
      />
      <StageManager
        open={dialog() === 'stages'}
        onOpenChange={(open) => setDialog(open ? 'stages' : null)}
        doc={connection.doc}
        columns={columns()}
      />
      <ImportDialog
        open={dialog() === 'import'}
        onOpenChange={(open) => setDialog(open ? 'import' : null)}
        boardId={props.boardId}
      />
      <ConnectFormDialog
        open={dialog() === 'form'}
        onOpenChange={(open) => setDialog(open ? 'form' : null)}
        boardId={props.boardId}
      />
    </div>
  );
}

const CONNECTION_LOOK: Record<ConnectionState, string> = {
  live: 'bg-brand-soft text-brand-strong',
  syncing: 'bg-warn-soft text-warn',
  offline: 'bg-surface-muted text-fg-muted',
};

function ConnectionBadge(props: { state: ConnectionState }) {
  const label = () =>
    ({
      live: t('pipeline.connectionLive'),
      syncing: t('pipeline.connectionSyncing'),
      offline: t('pipeline.connectionOffline'),
    })[props.state];
  return (
    <span
      class={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-semibold ${CONNECTION_LOOK[props.state]}`}
      data-testid="connection-state"
      data-state={props.state}
      role="status"
      title={t('pipeline.connectionHelp')}
    >
      <Show
        when={props.state === 'offline'}
        fallback={
          <span
            class={`size-2 rounded-full bg-current ${props.state === 'syncing' ? 'animate-pulse' : ''}`}
          />
        }
      >
        <Icon name="wifiOff" class="size-3.5" />
      </Show>
      {label()}
    </span>
  );
}
