/**
 * A template's form: one typed field per variable (text, long text, number, choice), and the
 * dialog that saves a prompt as one of the org's own templates, its {{placeholders}} becoming
 * variables.
 */
import { createEffect, createSignal, For, Match, on, Show, Switch } from 'solid-js';
import { createStore } from 'solid-js/store';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { showToast } from '../../components/Toast.tsx';
import { type Answer, call, client } from '../../lib/api.ts';
import { describeError, fieldErrorsOf } from '../../lib/errors.ts';
import { locale, t } from '../../lib/i18n.ts';
import type { Modality } from './generation.ts';

export type StudioTemplate = Answer<'/api/v1/studio/templates', 'post'>;
type TemplateVariable = StudioTemplate['variables'][number];

export type TemplateValues = Record<string, string>;

/** Required variables all filled: the form is worth estimating. */
export const templateComplete = (template: StudioTemplate, values: TemplateValues) =>
  template.variables.every((v) => !v.required || (values[v.name] ?? '').trim() !== '');

/** The values as the API takes them: numbers as numbers, blanks left out. */
export function templateVariables(template: StudioTemplate, values: TemplateValues) {
  const out: Record<string, string | number> = {};
  for (const variable of template.variables) {
    const raw = (values[variable.name] ?? '').trim();
    if (raw === '') continue;
    out[variable.name] =
      variable.kind === 'number' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
  }
  return out;
}

export function TemplateFields(props: {
  template: StudioTemplate;
  values: TemplateValues;
  onChange: (name: string, value: string) => void;
  errors: Record<string, string>;
}) {
  return (
    <div class="grid gap-4 sm:grid-cols-2">
      <For each={props.template.variables}>
        {(variable) => {
          const error = () => props.errors[`variables.${variable.name}`];
          const label = () =>
            variable.required ? variable.label : `${variable.label} ${t('studio.optional')}`;
          return (
            <Switch
              fallback={
                <Field
                  label={label()}
                  name={variable.name}
                  value={props.values[variable.name] ?? ''}
                  onInput={(value) => props.onChange(variable.name, value)}
                  maxLength={variable.maxLength}
                  required={variable.required}
                  error={error()}
                />
              }
            >
              <Match when={variable.kind === 'longText'}>
                <Field
                  class="sm:col-span-2"
                  label={label()}
                  name={variable.name}
                  rows={3}
                  value={props.values[variable.name] ?? ''}
                  onInput={(value) => props.onChange(variable.name, value)}
                  maxLength={variable.maxLength}
                  required={variable.required}
                  error={error()}
                />
              </Match>
              <Match when={variable.kind === 'number'}>
                <Field
                  label={label()}
                  name={variable.name}
                  type="number"
                  min={variable.min}
                  max={variable.max}
                  value={props.values[variable.name] ?? ''}
                  onInput={(value) => props.onChange(variable.name, value)}
                  required={variable.required}
                  error={error()}
                />
              </Match>
              <Match when={variable.kind === 'choice'}>
                <SelectField
                  label={label()}
                  options={(variable.options ?? []).map((o) => ({ value: o, label: o }))}
                  value={props.values[variable.name]}
                  placeholder={t('studio.choose')}
                  onChange={(value) => props.onChange(variable.name, value)}
                  error={error()}
                />
              </Match>
            </Switch>
          );
        }}
      </For>
    </div>
  );
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** The distinct {{placeholders}} of a prompt, in order of appearance. */
export const placeholdersOf = (prompt: string) => [
  ...new Set([...prompt.matchAll(PLACEHOLDER)].map((m) => m[1]!)),
];

export function SaveTemplateDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  modality: Modality;
  prompt: string;
  onSaved: (template: StudioTemplate) => void;
}) {
  const [name, setName] = createSignal('');
  const [prompt, setPrompt] = createSignal(props.prompt);
  const [kinds, setKinds] = createStore<Record<string, TemplateVariable['kind']>>({});
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const placeholders = () => placeholdersOf(prompt());

  // Each opening starts from the prompt as it is in the composer now.
  createEffect(
    on(
      () => props.open,
      (opened) => {
        if (!opened) return;
        setPrompt(props.prompt);
        setErrors({});
        setFormError('');
      },
    ),
  );

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFormError('');
    try {
      const template = await call(
        client.POST('/api/v1/studio/templates', {
          body: {
            name: name(),
            modality: props.modality,
            locale: locale(),
            prompt: prompt(),
            variables: placeholders().map((variable) => ({
              name: variable,
              label: variable,
              kind: kinds[variable] ?? 'text',
              required: true,
            })),
          },
        }),
      );
      showToast({ title: t('studio.templateSaved', { name: template.name }) });
      props.onSaved(template);
      props.onOpenChange(false);
    } catch (err) {
      const fields = fieldErrorsOf(err) as Record<string, string>;
      setErrors(fields);
      if (!Object.keys(fields).length) setFormError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      size="lg"
      title={t('studio.saveTemplateTitle')}
      description={t('studio.saveTemplateBody')}
    >
      <form class="grid gap-4" onSubmit={save} novalidate>
        <Field
          label={t('studio.templateName')}
          name="name"
          value={name()}
          onInput={setName}
          error={errors().name}
          required
          autofocus
        />
        <Field
          label={t('studio.templatePrompt')}
          name="prompt"
          rows={5}
          value={prompt()}
          onInput={setPrompt}
          description={t('studio.templatePromptHelp')}
          error={errors().prompt}
          required
        />
        <Show when={placeholders().length}>
          <fieldset class="grid gap-2">
            <legend class="label-text mb-1">{t('studio.templateVariables')}</legend>
            <For each={placeholders()}>
              {(variable) => (
                <SelectField
                  label={`{{${variable}}}`}
                  size="sm"
                  value={kinds[variable] ?? 'text'}
                  onChange={(kind) => setKinds(variable, kind as TemplateVariable['kind'])}
                  options={(['text', 'longText', 'number'] as const).map((kind) => ({
                    value: kind,
                    label: t(`studio.variableKind_${kind}`),
                  }))}
                />
              )}
            </For>
          </fieldset>
        </Show>
        <Show when={formError() || errors().variables}>
          <Notice kind="error">{formError() || errors().variables}</Notice>
        </Show>
        <div class="flex justify-end gap-2">
          <Button onClick={() => props.onOpenChange(false)}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" busy={busy()}>
            {t('studio.saveTemplate')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
