/**
 * The lead drawer: every board field edited live in the shared document (others see each
 * keystroke), links to reach the lead (WhatsApp, call, e-mail), the loss reason while the lead
 * sits in a lost stage, the collaborative notes, the score and why, possible duplicates, and the
 * timeline. Read-only for viewers.
 */
import * as KDialog from '@kobalte/core/dialog';
import { createComputed, createMemo, createSignal, For, type JSX, Show } from 'solid-js';
import type * as Y from 'yjs';
import {
  deleteLead,
  type LeadPatch,
  moveLead,
  updateLead,
} from '../../../../domain/pipeline/board-doc.ts';
import { Button } from '../../components/Button.tsx';
import { Modal } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { t } from '../../lib/i18n.ts';
import { moneyInputValue, parseMoney } from '../../lib/money.ts';
import { Avatar } from './Avatar.tsx';
import type { PresenceState } from './board-connection.ts';
import type { BoardStore } from './board-store.ts';
import { contactLinks } from './contact-links.ts';
import { LeadInsights } from './LeadInsights.tsx';
import { NotesField } from './NotesField.tsx';
import type { Person } from './org-people.ts';

const ORIGIN = { origin: 'kanban' };

export function LeadDrawer(props: {
  leadId: string | null;
  onClose: () => void;
  doc: Y.Doc;
  store: BoardStore;
  canEdit: boolean;
  people: Person[];
  viewers: PresenceState['user'][];
  /** The lead was just moved to a lost stage: start in its loss reason. */
  askLossReason?: boolean;
}) {
  const lead = createMemo(() => {
    props.store.leadsVersion();
    return props.leadId ? props.store.lead(props.leadId) : undefined;
  });

  // Focus goes back to the lead's card, also when a move to another stage has drawn it anew.
  let shownLeadId = props.leadId;
  createComputed(() => {
    if (props.leadId) shownLeadId = props.leadId;
  });
  const card = () =>
    shownLeadId
      ? document.querySelector<HTMLElement>(
          `[data-testid="lead-card"][data-lead-id="${CSS.escape(shownLeadId)}"]`,
        )
      : null;

  return (
    <Modal
      open={!!props.leadId}
      onOpenChange={(open) => !open && props.onClose()}
      placement="right"
      class="w-[min(34rem,100vw)]"
      data-testid="lead-drawer"
      returnFocus={card}
      // Just dropped on a lost stage: start where the person is asked why.
      initialFocus={(panel) =>
        props.askLossReason ? panel.querySelector<HTMLElement>('[data-testid=lost-reason]') : null
      }
    >
      <Show when={props.leadId} keyed>
        <Show
          when={lead()}
          fallback={
            <div class="grid gap-3 p-6">
              <KDialog.Title class="text-lg font-semibold">{t('pipeline.leadGone')}</KDialog.Title>
              <Button onClick={props.onClose}>{t('common.close')}</Button>
            </div>
          }
        >
          {(current) => (
            <DrawerBody
              lead={current()}
              doc={props.doc}
              store={props.store}
              canEdit={props.canEdit}
              people={props.people}
              viewers={props.viewers}
              onClose={props.onClose}
              askLossReason={props.askLossReason}
            />
          )}
        </Show>
      </Show>
    </Modal>
  );
}

function DrawerBody(props: {
  lead: NonNullable<ReturnType<BoardStore['lead']>>;
  doc: Y.Doc;
  store: BoardStore;
  canEdit: boolean;
  people: Person[];
  viewers: PresenceState['user'][];
  onClose: () => void;
  askLossReason?: boolean;
}) {
  const id = props.lead.id;
  const links = createMemo(() => contactLinks(props.lead));
  const inLostStage = createMemo(
    () => props.store.stages().find((stage) => stage.id === props.lead.stageId)?.outcome === 'lost',
  );
  const [confirmDelete, setConfirmDelete] = createSignal(false);
  const [valueError, setValueError] = createSignal('');
  const patch = (changes: LeadPatch) => {
    // The lead may have been deleted by someone else a moment ago.
    if (props.store.lead(id)) updateLead(props.doc, id, changes, ORIGIN);
  };

  return (
    <>
      <header class="flex items-start gap-3 border-b border-line px-5 py-4">
        <div class="grid grow gap-1 min-w-0">
          <KDialog.Title class="truncate text-lg font-semibold text-fg">
            {props.lead.name || t('pipeline.untitled')}
          </KDialog.Title>
          <KDialog.Description class="truncate text-sm text-fg-muted">
            {props.lead.company || t('pipeline.noCompany')}
          </KDialog.Description>
        </div>
        <ul
          class="flex -space-x-2"
          aria-label={t('pipeline.alsoHere')}
          data-testid="drawer-viewers"
        >
          <For each={props.viewers}>
            {(person) => (
              <li>
                <Avatar userId={person.id} name={person.name} live />
              </li>
            )}
          </For>
        </ul>
        <KDialog.CloseButton class="icon-btn -mr-2" aria-label={t('common.close')}>
          <Icon name="close" />
        </KDialog.CloseButton>
      </header>
      <div class="grid grow content-start gap-5 overflow-y-auto px-5 py-4">
        <fieldset class="grid gap-3 sm:grid-cols-2" disabled={!props.canEdit}>
          <legend class="sr-only">{t('pipeline.leadFields')}</legend>
          <LiveInput
            label={t('pipeline.fieldName')}
            value={props.lead.name}
            onInput={(name) => name.trim() && patch({ name })}
            class="sm:col-span-2"
            testId="lead-name"
          />
          <LiveInput
            label={t('pipeline.fieldCompany')}
            value={props.lead.company}
            onInput={(company) => patch({ company })}
          />
          <LiveInput
            label={t('pipeline.fieldSource')}
            value={props.lead.source}
            onInput={(source) => patch({ source })}
          />
          <LiveInput
            label={t('pipeline.fieldEmail')}
            type="email"
            value={props.lead.email}
            onInput={(email) => patch({ email })}
          />
          <LiveInput
            label={t('pipeline.fieldPhone')}
            type="tel"
            value={props.lead.phone}
            onInput={(phone) => patch({ phone })}
          />
          <Show when={links().whatsapp || links().call || links().email}>
            <div class="flex flex-wrap gap-2 sm:col-span-2" data-testid="contact-links">
              <Show when={links().whatsapp}>
                {(href) => (
                  <ContactLink
                    href={href()}
                    icon="messageCircle"
                    label={t('pipeline.contactWhatsApp')}
                    external
                  />
                )}
              </Show>
              <Show when={links().call}>
                {(href) => (
                  <ContactLink href={href()} icon="phone" label={t('pipeline.contactCall')} />
                )}
              </Show>
              <Show when={links().email}>
                {(href) => (
                  <ContactLink href={href()} icon="mail" label={t('pipeline.contactEmail')} />
                )}
              </Show>
            </div>
          </Show>
          <label class="grid gap-1.5">
            <span class="label-text">{t('pipeline.fieldValue')}</span>
            <input
              class="input"
              inputmode="decimal"
              value={moneyInputValue(props.lead.value, props.lead.currency)}
              aria-invalid={valueError() ? true : undefined}
              onChange={(event) => {
                const value = parseMoney(event.currentTarget.value, props.lead.currency);
                setValueError(value === null ? t('pipeline.errorValue') : '');
                if (value !== null) patch({ value });
              }}
            />
            <Show when={valueError()}>
              <span class="error-text">{valueError()}</span>
            </Show>
          </label>
          <label class="grid gap-1.5">
            <span class="label-text">{t('pipeline.fieldStage')}</span>
            <select
              class="input"
              value={props.lead.stageId}
              onChange={(event) => {
                const stageId = event.currentTarget.value;
                const count = [...props.store.leads()].filter(
                  (l) => l.stageId === stageId && l.id !== id,
                ).length;
                if (props.store.lead(id)) moveLead(props.doc, id, stageId, count, ORIGIN);
              }}
            >
              <For each={props.store.stages()}>
                {(stage) => <option value={stage.id}>{stage.name}</option>}
              </For>
            </select>
          </label>
          <Show when={inLostStage()}>
            <LossReasonInput
              value={props.lead.lostReason}
              onInput={(lostReason) => patch({ lostReason })}
            />
          </Show>
          <label class="grid gap-1.5">
            <span class="label-text">{t('pipeline.fieldOwner')}</span>
            <select
              class="input"
              value={props.lead.ownerId ?? ''}
              onChange={(event) => patch({ ownerId: event.currentTarget.value || null })}
            >
              <option value="">{t('pipeline.noOwner')}</option>
              <For each={props.people}>
                {(person) => <option value={person.userId}>{person.name}</option>}
              </For>
            </select>
          </label>
          <label class="grid gap-1.5">
            <span class="label-text">{t('pipeline.fieldNextActivity')}</span>
            <input
              class="input"
              type="datetime-local"
              value={toLocalInput(props.lead.nextActivityAt)}
              onChange={(event) => {
                const value = event.currentTarget.value;
                patch({ nextActivityAt: value ? new Date(value).toISOString() : null });
              }}
            />
          </label>
          <label class="grid gap-1.5 sm:col-span-2">
            <span class="label-text">{t('pipeline.fieldTags')}</span>
            <input
              class="input"
              value={props.lead.tags.join(', ')}
              placeholder={t('pipeline.tagsPlaceholder')}
              onChange={(event) =>
                patch({
                  tags: [
                    ...new Set(
                      event.currentTarget.value
                        .split(',')
                        .map((tag) => tag.trim())
                        .filter(Boolean),
                    ),
                  ],
                })
              }
            />
          </label>
          <CustomFields values={props.lead.custom} onChange={(custom) => patch({ custom })} />
        </fieldset>

        <NotesField
          doc={props.doc}
          leadId={id}
          label={t('pipeline.fieldNotes')}
          readOnly={!props.canEdit}
        />

        <LeadInsights leadId={id} score={props.lead.score} canEdit={props.canEdit} />

        <Show when={props.canEdit}>
          <div class="border-t border-line pt-4">
            <Show
              when={confirmDelete()}
              fallback={
                <Button
                  variant="ghost"
                  icon="trash"
                  class="text-danger"
                  onClick={() => setConfirmDelete(true)}
                >
                  {t('pipeline.deleteLead')}
                </Button>
              }
            >
              <div class="flex flex-wrap items-center gap-2 rounded-lg bg-danger-soft p-3 text-sm text-danger">
                <span class="grow">{t('pipeline.deleteLeadConfirm')}</span>
                <Button size="sm" onClick={() => setConfirmDelete(false)}>
                  {t('common.cancel')}
                </Button>
                <Button
                  size="sm"
                  variant="danger"
                  onClick={() => {
                    if (props.store.lead(id)) deleteLead(props.doc, id, ORIGIN);
                    props.onClose();
                  }}
                >
                  {t('pipeline.deleteLead')}
                </Button>
              </div>
            </Show>
          </div>
        </Show>
      </div>
    </>
  );
}

/** A link to reach the lead, as a small button; WhatsApp opens in a new tab. */
function ContactLink(props: {
  href: string;
  icon: 'messageCircle' | 'phone' | 'mail';
  label: string;
  external?: boolean;
}) {
  return (
    <a
      href={props.href}
      class="focus-ring inline-flex h-8 items-center gap-1.5 rounded-lg border border-line px-3 text-sm font-medium text-fg hover:bg-surface-muted"
      {...(props.external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
    >
      <Icon name={props.icon} class="size-4" />
      {props.label}
    </a>
  );
}

/** Why the deal was lost: free text, with the usual reasons offered as suggestions. */
function LossReasonInput(props: { value: string; onInput: (value: string) => void }) {
  return (
    <label class="grid gap-1.5 sm:col-span-2">
      <span class="label-text">{t('pipeline.fieldLostReason')}</span>
      <input
        class="input"
        list="loss-reasons"
        maxLength={200}
        value={props.value}
        placeholder={t('pipeline.lostReasonPlaceholder')}
        data-testid="lost-reason"
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      <datalist id="loss-reasons">
        <For each={t('pipeline.lostReasonSuggestions').split('|')}>
          {(reason) => <option value={reason} />}
        </For>
      </datalist>
    </label>
  );
}

/** A text input that writes each keystroke; a peer's change shows unless this one is mid-typing the same value. */
function LiveInput(props: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'tel';
  class?: string;
  testId?: string;
}): JSX.Element {
  return (
    <label class={`grid gap-1.5 ${props.class ?? ''}`}>
      <span class="label-text">{props.label}</span>
      <input
        class="input"
        type={props.type ?? 'text'}
        value={props.value}
        data-testid={props.testId}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
    </label>
  );
}

function CustomFields(props: {
  values: Record<string, string | number | boolean>;
  onChange: (patch: Record<string, string | number | boolean | null>) => void;
}) {
  const [newKey, setNewKey] = createSignal('');
  return (
    <div class="grid gap-2 sm:col-span-2">
      <span class="label-text">{t('pipeline.customFields')}</span>
      <For each={Object.entries(props.values)}>
        {([key, value]) => (
          <div class="flex items-center gap-2">
            <span class="w-32 truncate text-sm text-fg-muted" title={key}>
              {key}
            </span>
            <input
              class="input"
              aria-label={key}
              value={String(value)}
              onChange={(event) => props.onChange({ [key]: event.currentTarget.value })}
            />
            <button
              type="button"
              class="icon-btn"
              aria-label={t('pipeline.removeCustomField', { name: key })}
              onClick={() => props.onChange({ [key]: null })}
            >
              <Icon name="close" />
            </button>
          </div>
        )}
      </For>
      <div class="flex gap-2">
        <input
          class="input"
          placeholder={t('pipeline.newCustomField')}
          aria-label={t('pipeline.newCustomField')}
          value={newKey()}
          onInput={(event) => setNewKey(event.currentTarget.value)}
        />
        <Button
          size="sm"
          class="h-10"
          icon="plus"
          disabled={!newKey().trim()}
          onClick={() => {
            props.onChange({ [newKey().trim()]: '' });
            setNewKey('');
          }}
        >
          {t('pipeline.addCustomField')}
        </Button>
      </div>
    </div>
  );
}

/** ISO → the value a datetime-local input shows, in the device's time zone. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
