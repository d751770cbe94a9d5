/**
 * A studio generation as the page sees it: its API shape, and a live view that follows its job
 * (queued → running → done/failed, with percent) and its streamed text through the org's live
 * events, with a slow poll behind them in case the socket was down when an event went out.
 */
import { createSignal, onCleanup } from 'solid-js';
import type { MessageKey } from '../../i18n/index.ts';
import { type Answer, call, client } from '../../lib/api.ts';
import { type OrgEvent, onOrgEvent } from '../../lib/live-events.ts';
import { type GenerationStatus, laterState } from './status-merge.ts';
import { type AssembledText, emptyText, receiveDelta, type TextDelta } from './text-assembly.ts';

export const MODALITIES = ['text', 'image', 'speech'] as const;
export type Modality = (typeof MODALITIES)[number];
export type { GenerationStatus };

export type Generation = Answer<'/api/v1/studio/generations/{id}', 'get'>;

export const MODALITY_LABELS: Record<Modality, MessageKey> = {
  text: 'studio.modality_text',
  image: 'studio.modality_image',
  speech: 'studio.modality_speech',
};

export const MODALITY_ICONS = { text: 'text', image: 'image', speech: 'mic' } as const;

export const STATUS_LABELS: Record<GenerationStatus, MessageKey> = {
  queued: 'studio.status_queued',
  running: 'studio.status_running',
  done: 'studio.status_done',
  failed: 'studio.status_failed',
};

export const isFinished = (g: Pick<Generation, 'status'>) =>
  g.status === 'done' || g.status === 'failed';

const POLL_MS = 3000;

/**
 * Text deltas of the last few generations, heard from the moment the page opened: the job may
 * start streaming before the request that queued it has answered with the generation's id.
 */
const recentText = new Map<string, TextDelta[]>();
const RECENT_TEXT_LIMIT = 10;

export function rememberTextEvents(): () => void {
  return onOrgEvent((event) => {
    if (event.type !== 'studio.text' || typeof event.generationId !== 'string') return;
    const list = recentText.get(event.generationId) ?? [];
    list.push(event as unknown as TextDelta);
    recentText.set(event.generationId, list);
    while (recentText.size > RECENT_TEXT_LIMIT) recentText.delete(recentText.keys().next().value!);
  });
}

export const fetchGeneration = (id: string) =>
  call(client.GET('/api/v1/studio/generations/{id}', { params: { path: { id } } }));

/** Follows one generation until it finishes; `onSettled` gets its final state once. */
export function followGeneration(initial: Generation, onSettled: (final: Generation) => void) {
  const [generation, setGeneration] = createSignal(initial);
  const [streamed, setStreamed] = createSignal<AssembledText>(
    (recentText.get(initial.id) ?? []).reduce(receiveDelta, emptyText()),
  );
  let settled = false;

  const settle = (incoming: Generation) => {
    const final = laterState(generation(), incoming);
    setGeneration(final);
    // Settled by the server's own answer only: a stale poll answer merged under a "done" event
    // has the status but not yet the output.
    if (settled || !isFinished(incoming)) return;
    settled = true;
    stop();
    onSettled(final);
  };
  const refresh = () =>
    fetchGeneration(initial.id)
      .then(settle)
      .catch(() => undefined);

  const onEvent = (event: OrgEvent) => {
    const current = generation();
    if (event.type === 'studio.text' && event.generationId === current.id)
      setStreamed((text) => receiveDelta(text, event as unknown as TextDelta));
    if (event.type !== 'job' || !current.jobId || event.jobId !== current.jobId) return;
    const status = event.status as GenerationStatus;
    setGeneration(
      laterState(current, {
        ...current,
        status,
        progress: typeof event.progress === 'number' ? event.progress : current.progress,
        error: typeof event.error === 'string' ? event.error : current.error,
      }),
    );
    // The output and the charge are in the generation, not the event.
    if (status === 'done' || status === 'failed') void refresh();
  };

  const unsubscribe = onOrgEvent(onEvent);
  const poll = setInterval(refresh, POLL_MS);
  const stop = () => {
    unsubscribe();
    clearInterval(poll);
  };
  if (isFinished(initial)) settle(initial);
  onCleanup(stop);
  return { generation, streamed };
}

/** An object URL for a generation's media, fetched with the session's token; revoked on cleanup. */
export function createMediaUrl(generation: () => Generation) {
  const [url, setUrl] = createSignal<string | null>(null);
  const [failed, setFailed] = createSignal(false);
  let loadedFor: string | null = null;
  let current: string | null = null;
  const load = () => {
    const g = generation();
    if (!g.output || g.output.mimeType?.startsWith('text/') || loadedFor === g.id) return;
    loadedFor = g.id;
    call(
      client.GET('/api/v1/studio/generations/{id}/output', {
        params: { path: { id: g.id } },
        parseAs: 'blob',
      }),
    )
      .then((blob) => {
        if (current) URL.revokeObjectURL(current);
        current = URL.createObjectURL(blob);
        setUrl(current);
      })
      .catch(() => setFailed(true));
  };
  onCleanup(() => current && URL.revokeObjectURL(current));
  return { url, failed, load };
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'audio/wav': 'wav',
  'audio/mpeg': 'mp3',
};

export const downloadName = (g: Generation) =>
  `generation-${g.id}.${EXTENSIONS[g.output?.mimeType ?? ''] ?? 'txt'}`;
