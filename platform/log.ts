/** @module Structured logs: one JSON object per line, with request and org ids where known. */

type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function log(
  env: { LOG_LEVEL?: string },
  level: Level,
  msg: string,
  fields: Record<string, unknown> = {},
): void {
  if (RANK[level] < RANK[(env.LOG_LEVEL as Level) ?? 'info']) return;
  const line = JSON.stringify({ level, msg, ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}
