/**
 * The new-lead form. The lead is added to the board document on this device, so it appears at
 * once (for everyone when online) and works offline too; the room projects it to the API.
 */
import { createSignal, For } from 'solid-js';
import type * as Y from 'yjs';
import { addLead, type Stage } from '../../../../domain/pipeline/board-doc.ts';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { t } from '../../lib/i18n.ts';
import { parseMoney } from '../../lib/money.ts';
import type { Person } from './org-people.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function NewLeadDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  doc: Y.Doc;
  stages: Stage[];
  currency: string;
  people: Person[];
  selfId: string;
  onCreated: (id: string) => void;
}) {
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  let form!: HTMLFormElement;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const found: Record<string, string> = {};
    if (!text('name')) found.name = t('pipeline.errorNameRequired');
    if (text('email') && !EMAIL.test(text('email'))) found.email = t('pipeline.errorEmail');
    const value = text('value') ? parseMoney(text('value'), props.currency) : 0;
    if (value === null) found.value = t('pipeline.errorValue');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const id = addLead(
      props.doc,
      {
        name: text('name'),
        company: text('company'),
        email: text('email'),
        phone: text('phone'),
        value: value ?? 0,
        source: 'manual',
        ownerId: text('ownerId') || null,
        stageId: text('stageId') || props.stages[0]!.id,
      },
      // On top of its stage, where the person who added it is looking.
      { index: 0 },
      { origin: 'kanban' },
    );
    form.reset();
    props.onOpenChange(false);
    props.onCreated(id);
  };

  return (
    <Dialog
      open={props.open}
      onOpenChange={(open) => {
        setErrors({});
        props.onOpenChange(open);
      }}
      title={t('pipeline.newLead')}
      description={t('pipeline.newLeadHelp')}
    >
      <form ref={form} onSubmit={submit} class="grid gap-3 sm:grid-cols-2" novalidate>
        <Field
          label={t('pipeline.fieldName')}
          name="name"
          required
          error={errors().name}
          class="sm:col-span-2"
          autofocus
        />
        <Field label={t('pipeline.fieldCompany')} name="company" />
        <Field
          label={t('pipeline.fieldValue')}
          name="value"
          error={errors().value}
          placeholder="0,00"
        />
        <Field label={t('pipeline.fieldEmail')} name="email" type="email" error={errors().email} />
        <Field label={t('pipeline.fieldPhone')} name="phone" placeholder="+55 11 98765-4321" />
        <label class="grid gap-1.5">
          <span class="label-text">{t('pipeline.fieldStage')}</span>
          <select name="stageId" class="input">
            <For each={props.stages}>
              {(stage) => <option value={stage.id}>{stage.name}</option>}
            </For>
          </select>
        </label>
        <label class="grid gap-1.5">
          <span class="label-text">{t('pipeline.fieldOwner')}</span>
          <select name="ownerId" class="input" value={props.selfId}>
            <option value="">{t('pipeline.noOwner')}</option>
            <For each={props.people}>
              {(person) => (
                <option value={person.userId} selected={person.userId === props.selfId}>
                  {person.name}
                </option>
              )}
            </For>
          </select>
        </label>
        <div class="mt-3 flex justify-end gap-2 sm:col-span-2">
          <Button onClick={() => props.onOpenChange(false)}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary">
            {t('pipeline.createLead')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
