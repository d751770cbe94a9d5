/**
 * Asking for one generation: a free prompt or a template's form, the provider and model (or the
 * org's fallback chain), the modality's options, and the cost estimated before anything runs.
 * Each submit carries an Idempotency-Key; a retry of the same request after a network failure
 * reuses it, so the server holds credits once.
 */
import { A } from '@solidjs/router';
import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  Match,
  on,
  onCleanup,
  Show,
  Switch,
} from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { Button } from '../../components/Button.tsx';
import { Field } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { type Answer, ApiError, call, client } from '../../lib/api.ts';
import { credits, formatCredits } from '../../lib/credits.ts';
import { describeError, fieldErrorsOf } from '../../lib/errors.ts';
import { codeLabel, formatNumber, locale, t } from '../../lib/i18n.ts';
import { can, session } from '../../lib/session.ts';
import { fetchGeneration, type Generation, type Modality } from './generation.ts';
import {
  SaveTemplateDialog,
  TemplateFields,
  type TemplateValues,
  templateComplete,
  templateVariables,
} from './template-fields.tsx';

export type ProviderStatus = Answer<'/api/v1/studio/settings', 'get'>['providers'][number];

const AUTO = 'auto';
const FREE_PROMPT = 'free';
const IMAGE_SIZES = ['1024x1024', '512x512', '1024x1536', '1536x1024'];
const MAX_TOKENS = ['200', '400', '800', '1600'];
const ESTIMATE_DELAY_MS = 400;

/** Why a request was refused, in words a person can act on. */
function refusalMessage(err: unknown): { text: string; buy: boolean } {
  if (err instanceof ApiError && err.status === 402) {
    if (typeof err.extra.missing === 'number')
      return {
        text: t('studio.notEnoughCredits', {
          missing: formatCredits(err.extra.missing),
          available: formatNumber(Number(err.extra.available ?? 0)),
        }),
        buy: true,
      };
    if (typeof err.extra.remaining === 'number')
      return {
        text: t(
          err.extra.scope === 'org' ? 'studio.orgLimitReached' : 'studio.memberLimitReached',
          {
            limit: formatNumber(Number(err.extra.limit ?? 0)),
            remaining: formatNumber(err.extra.remaining),
          },
        ),
        buy: false,
      };
  }
  return { text: describeError(err), buy: false };
}

export function Composer(props: {
  modality: Modality;
  providers: ProviderStatus[];
  onQueued: (generation: Generation) => void;
}) {
  const [templates, { refetch: refetchTemplates }] = createResource(
    () => [props.modality, locale(), session.activeOrg?.id] as const,
    ([modality, lang]) =>
      call(
        client.GET('/api/v1/studio/templates', { params: { query: { modality, locale: lang } } }),
      ),
  );
  const [templateId, setTemplateId] = createSignal(FREE_PROMPT);
  const [values, setValues] = createStore<TemplateValues>({});
  const [prompt, setPrompt] = createSignal('');
  const [provider, setProvider] = createSignal(AUTO);
  const [model, setModel] = createSignal('');
  const [size, setSize] = createSignal(IMAGE_SIZES[0]!);
  const [voice, setVoice] = createSignal('');
  const [maxTokens, setMaxTokens] = createSignal('800');
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [refusal, setRefusal] = createSignal<{ text: string; buy: boolean } | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [savingTemplate, setSavingTemplate] = createSignal(false);
  /** The key of a submit that never got an answer, kept for retrying that same request. */
  let unanswered: { key: string; body: string } | null = null;

  const template = () => templates()?.items.find((x) => x.id === templateId()) ?? null;
  const usableProviders = () =>
    props.providers.filter((p) => p.usable && p.modalities.includes(props.modality));
  const chosenProvider = () => usableProviders().find((p) => p.id === provider());
  const models = () => chosenProvider()?.models[props.modality] ?? [];

  createEffect(
    on(provider, () => {
      setModel(models()[0] ?? '');
      setVoice(chosenProvider()?.voices[0] ?? '');
    }),
  );
  createEffect(
    on(templateId, () => {
      setValues(reconcile({}));
      setErrors({});
    }),
  );

  /** The request as the API takes it, or null while the form is not yet complete. */
  const body = createMemo(() => {
    const chosen = template();
    if (chosen ? !templateComplete(chosen, values) : !prompt().trim()) return null;
    const params: Record<string, unknown> = {};
    if (props.modality === 'image') params.size = size();
    if (props.modality === 'text') params.maxTokens = Number(maxTokens());
    if (props.modality === 'speech' && chosenProvider() && voice()) params.voice = voice();
    return {
      modality: props.modality,
      ...(chosen
        ? { templateId: chosen.id, variables: templateVariables(chosen, values) }
        : { prompt: prompt().trim() }),
      ...(chosenProvider() ? { provider: provider(), model: model() || undefined } : {}),
      params,
    };
  });

  // The estimate follows the form after a short pause in typing.
  const [settledBody, setSettledBody] = createSignal<string | null>(null);
  createEffect(() => {
    const next = body() ? JSON.stringify(body()) : null;
    const timer = setTimeout(() => setSettledBody(next), ESTIMATE_DELAY_MS);
    onCleanup(() => clearTimeout(timer));
  });
  const [estimate] = createResource(settledBody, (json) =>
    call(client.POST('/api/v1/studio/estimate', { body: JSON.parse(json) })),
  );
  const estimateCurrent = () => !!body() && settledBody() === JSON.stringify(body());
  const short = () => {
    // Reading a resource that failed throws; its error is shown on its own.
    const e = estimate.error ? null : estimate();
    return e && credits.loaded && e.credits > credits.available ? e.credits - credits.available : 0;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setRefusal(null);
    const request = body();
    if (!request) {
      setErrors(
        template()
          ? Object.fromEntries(
              template()!
                .variables.filter((v) => v.required && !(values[v.name] ?? '').trim())
                .map((v) => [`variables.${v.name}`, t('common.errorRequired')]),
            )
          : { prompt: t('studio.promptRequired') },
      );
      return;
    }
    setErrors({});
    const json = JSON.stringify(request);
    const key = unanswered?.body === json ? unanswered.key : crypto.randomUUID();
    unanswered = { key, body: json };
    setBusy(true);
    try {
      const accepted = await call(
        client.POST('/api/v1/studio/generations', {
          params: { header: { 'Idempotency-Key': key } },
          body: request,
        }),
      );
      unanswered = null;
      props.onQueued(await fetchGeneration(accepted.id));
    } catch (err) {
      // An answer (even a refusal) settles the key; only a request that never arrived may be retried with it.
      if (!(err instanceof ApiError && (err.status === 0 || err.status >= 500))) unanswered = null;
      const fields = fieldErrorsOf(err) as Record<string, string>;
      setErrors(fields);
      if (!Object.keys(fields).length) setRefusal(refusalMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const templateOptions = () => [
    { value: FREE_PROMPT, label: t('studio.freePrompt') },
    ...(templates()?.items ?? []).map((x) => ({
      value: x.id,
      label: x.name,
      description: x.builtIn ? x.description : t('studio.ownTemplate'),
    })),
  ];

  return (
    <form class="grid gap-5" onSubmit={submit} novalidate aria-label={t('studio.composer')}>
      <SelectField
        label={t('studio.template')}
        options={templateOptions()}
        value={templateId()}
        onChange={setTemplateId}
        disabled={!templates()}
      />
      <Show
        when={template()}
        fallback={
          <Field
            label={t('studio.prompt')}
            name="prompt"
            rows={5}
            value={prompt()}
            onInput={setPrompt}
            placeholder={t(`studio.promptPlaceholder_${props.modality}`)}
            description={t('studio.promptHelp')}
            error={errors().prompt}
            maxLength={8000}
          />
        }
      >
        {(chosen) => (
          <div class="grid gap-3">
            <p class="help-text">{chosen().description}</p>
            <TemplateFields
              template={chosen()}
              values={values}
              onChange={(name, value) => setValues(name, value)}
              errors={errors()}
            />
            <Show when={errors().templateId}>
              <p class="error-text">{errors().templateId}</p>
            </Show>
          </div>
        )}
      </Show>

      <div class="grid gap-4 sm:grid-cols-3">
        <SelectField
          label={t('studio.provider')}
          value={provider()}
          onChange={setProvider}
          error={errors().provider}
          options={[
            {
              value: AUTO,
              label: t('studio.providerAuto'),
              description: t('studio.providerAutoHelp'),
            },
            ...usableProviders().map((p) => ({
              value: p.id,
              label: codeLabel('studio.provider_', p.id, p.label),
              description: codeLabel('studio.providerHelp_', p.id, '') || undefined,
            })),
          ]}
        />
        <Show when={chosenProvider()}>
          <SelectField
            label={t('studio.model')}
            value={model()}
            onChange={setModel}
            error={errors().model}
            options={models().map((m) => ({ value: m, label: m }))}
          />
        </Show>
        <Switch>
          <Match when={props.modality === 'image'}>
            <SelectField
              label={t('studio.size')}
              value={size()}
              onChange={setSize}
              error={errors()['params.size']}
              options={IMAGE_SIZES.map((s) => ({ value: s, label: s.replace('x', ' × ') }))}
            />
          </Match>
          <Match when={props.modality === 'text'}>
            <SelectField
              label={t('studio.length')}
              value={maxTokens()}
              onChange={setMaxTokens}
              options={MAX_TOKENS.map((n) => ({ value: n, label: t('studio.tokens', { n }) }))}
            />
          </Match>
          <Match when={props.modality === 'speech' && chosenProvider()}>
            <SelectField
              label={t('studio.voice')}
              value={voice()}
              onChange={setVoice}
              error={errors()['params.voice']}
              options={(chosenProvider()?.voices ?? []).map((v) => ({ value: v, label: v }))}
            />
          </Match>
        </Switch>
      </div>

      <div class="flex flex-wrap items-center justify-between gap-3 border-t border-line pt-4">
        <div class="grid gap-0.5 text-sm" aria-live="polite" data-testid="estimate">
          <Switch fallback={<span class="text-fg-muted">{t('studio.estimateIdle')}</span>}>
            <Match when={body() && (!estimateCurrent() || estimate.loading)}>
              <span class="inline-flex items-center gap-2 text-fg-muted">
                <Spinner /> {t('studio.estimating')}
              </span>
            </Match>
            <Match when={body() && estimate.error}>
              <span class="text-danger">
                {/* The field the estimate refused says the most, e.g. which sizes a model offers. */}
                {Object.values(fieldErrorsOf(estimate.error))[0] ??
                  refusalMessage(estimate.error).text}
              </span>
            </Match>
            <Match when={body() && !estimate.error && estimate()}>
              {(e) => (
                <>
                  <span class="text-fg">
                    {t('studio.estimate', { credits: formatCredits(e().credits) })}
                  </span>
                  <span class="help-text">
                    {t('studio.estimateVia', {
                      providers: e()
                        .chain.map((step) =>
                          t('studio.providerModel', {
                            provider: codeLabel('studio.provider_', step.provider),
                            model: step.model,
                          }),
                        )
                        .join(' → '),
                    })}
                  </span>
                </>
              )}
            </Match>
          </Switch>
        </div>
        <div class="flex flex-wrap items-center gap-2">
          <Show when={!template() && prompt().trim() && can('studio:write')}>
            <Button variant="ghost" icon="plus" onClick={() => setSavingTemplate(true)}>
              {t('studio.saveAsTemplate')}
            </Button>
          </Show>
          <Button
            type="submit"
            variant="primary"
            icon="studio"
            busy={busy()}
            disabled={!can('studio:write')}
          >
            {estimateCurrent() && !estimate.error && estimate()
              ? t('studio.generateFor', { credits: formatCredits(estimate()!.credits) })
              : t('studio.generate')}
          </Button>
        </div>
      </div>
      <Show when={short() > 0 && !refusal()}>
        <Notice kind="warning">
          {t('studio.estimateShort', { missing: formatCredits(short()) })}{' '}
          <A href="/credits" class="font-medium underline">
            {t('studio.buyCredits')}
          </A>
        </Notice>
      </Show>
      <Show when={refusal()}>
        {(r) => (
          <Notice kind="error">
            {r().text}{' '}
            <Show when={r().buy}>
              <A href="/credits" class="font-medium underline">
                {t('studio.buyCredits')}
              </A>
            </Show>
          </Notice>
        )}
      </Show>
      <Show when={!can('studio:write')}>
        <Notice kind="info">{t('studio.viewerNotice')}</Notice>
      </Show>
      <SaveTemplateDialog
        open={savingTemplate()}
        onOpenChange={setSavingTemplate}
        modality={props.modality}
        prompt={prompt()}
        onSaved={(saved) => {
          void refetchTemplates();
          setTemplateId(saved.id);
        }}
      />
    </form>
  );
}
