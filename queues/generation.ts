/** @module The `generation` queue: AI content jobs (text, image, audio), by job kind. */
import type { JobHandler } from './jobs.ts';

export const generationJobs: Record<string, JobHandler> = {};
