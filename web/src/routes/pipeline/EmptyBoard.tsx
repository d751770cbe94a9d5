/**
 * What an empty board says: the three ways leads arrive (one by hand, a CSV from another tool, a
 * form on the agency's site), each a button to start it. People who cannot add leads are told
 * the board is empty, without buttons they cannot use.
 */
import { Show } from 'solid-js';
import { Button } from '../../components/Button.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { t } from '../../lib/i18n.ts';

export function EmptyBoard(props: {
  canAddLeads: boolean;
  canConnectForm: boolean;
  onNewLead: () => void;
  onImport: () => void;
  onConnectForm: () => void;
}) {
  return (
    <section class="card" data-testid="empty-board" aria-labelledby="empty-board-title">
      <EmptyState
        icon="pipeline"
        title={t('pipeline.emptyBoardTitle')}
        description={
          props.canAddLeads ? t('pipeline.emptyBoardBody') : t('pipeline.emptyBoardReadOnly')
        }
      >
        <Show when={props.canAddLeads}>
          <div class="mt-2 flex flex-wrap justify-center gap-2">
            <Button variant="primary" icon="plus" onClick={props.onNewLead}>
              {t('pipeline.newLead')}
            </Button>
            <Button icon="upload" onClick={props.onImport}>
              {t('pipeline.importCsv')}
            </Button>
            <Show when={props.canConnectForm}>
              <Button icon="link" onClick={props.onConnectForm}>
                {t('pipeline.connectForm')}
              </Button>
            </Show>
          </div>
        </Show>
      </EmptyState>
    </section>
  );
}
