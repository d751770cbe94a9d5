/**
 * A generation's status comes from two sources that can cross: live job events and the slow poll.
 * A poll answer read before an event can arrive after it, so the page never lets the status or the
 * percent go backwards.
 */
export type GenerationStatus = 'queued' | 'running' | 'done' | 'failed';

interface Progressing {
  status: GenerationStatus;
  progress: number;
  error: string | null;
}

const RANK: Record<GenerationStatus, number> = { queued: 0, running: 1, done: 2, failed: 2 };

export function laterState<T extends Progressing>(current: T, incoming: T): T {
  if (RANK[incoming.status] < RANK[current.status])
    return {
      ...incoming,
      status: current.status,
      progress: current.progress,
      error: current.error,
    };
  if (incoming.status === current.status && incoming.progress < current.progress)
    return { ...incoming, progress: current.progress };
  return incoming;
}
