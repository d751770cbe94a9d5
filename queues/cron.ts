/**
 * @module Cron Triggers. Each schedule names the work it runs; an unknown schedule is logged.
 * Locally: `wrangler dev --test-scheduled`, then `GET /__scheduled?cron=0+*+*+*+*`.
 */
import type { Env } from '../platform/env.ts';
import { log } from '../platform/log.ts';
import { sweepExpiredCache } from '../services/studio/cache.ts';
import { queueDailyReports, queueDecisionCycles, queueInsightPulls } from './autopilot-cron.ts';
import { cleanUpExpiredRows } from './clean-up.ts';

type CronTask = (env: Env, scheduledTime: Date) => Promise<Record<string, unknown>>;

export const CRON_TASKS: Record<string, CronTask[]> = {
  /** Hourly: ad insights, then the spend-cap check and performance alerts (per org job). */
  '0 * * * *': [queueInsightPulls],
  /** Every six hours: autopilot decisions. */
  '0 */6 * * *': [queueDecisionCycles],
  /** Daily at 00:00 UTC: reports (each org's last complete day) and clean-up. */
  '0 0 * * *': [queueDailyReports, cleanUpExpiredRows, sweepExpiredCache],
};

export async function runCron(controller: ScheduledController, env: Env): Promise<void> {
  const tasks = CRON_TASKS[controller.cron];
  const scheduledTime = new Date(controller.scheduledTime);
  if (!tasks) {
    log(env, 'error', 'unknown cron', { cron: controller.cron });
    return;
  }
  log(env, 'info', 'cron started', { cron: controller.cron, tasks: tasks.length });
  for (const task of tasks) {
    const started = Date.now();
    const outcome = await task(env, scheduledTime);
    log(env, 'info', 'cron task done', {
      cron: controller.cron,
      task: task.name,
      ms: Date.now() - started,
      ...outcome,
    });
  }
}
