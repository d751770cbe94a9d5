/** @module The `messaging` queue: outgoing WhatsApp, e-mail and SMS, by job kind. */
import type { JobHandler } from '../platform/jobs.ts';

export const messagingJobs: Record<string, JobHandler> = {};
