/**
 * `npm run bench:decide [-- --ads 100000 --hours 24 --runs 3 --json]`
 *
 * The six-hourly decision cycle for one org with 100,000 ads, against the floor: the time just to
 * read the rows those decisions are made from. Prints both per ad and their ratio; `--json` prints
 * one JSON object with the same figures.
 *
 * The rows are read the way production reads them: SQL over the ads tables of the project's
 * schema (`ad_sets`, `ads`, and `ad_insights` with one row per ad and hour), in a real SQLite file,
 * through @libsql/client — the same SQLite engine and file format as local D1, and the client the
 * design names for tenants that outgrow D1. Going through local D1 would add the Worker's HTTP
 * and binding overhead to the floor and only make the ratio look better; reading the file
 * directly is the strictest floor. The reads are the ones the decide cron needs: the org's ad
 * sets and ads, and one pass over its insight rows giving per ad the lifetime, trailing and
 * since-its-ad-set's-last-budget-change sums and the spend today and this week.
 *
 * Decide = turning those rows into the cycle input (grouping ads under their ad sets, summing ad
 * sets' windows and the org's spend from their ads', parsing the last budget change) plus
 * `decideCycle`: everything between the rows and the decisions to store.
 *
 * The data: ads in ad sets of five, ten ad sets per campaign, `--hours` hours of hourly insights
 * per ad with a deterministic spread of CTR, CVR, order value and budgets, so the cycle meets
 * every verdict and action; some ad sets raised recently, some stop-lossed, some paused by a
 * person.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Client, createClient } from '@libsql/client';
import { decideCycle } from '../domain/autopilot/decide.ts';
import type { PausedFor } from '../domain/autopilot/decision.ts';
import type { AdInput, AdSetInput, BudgetChange, CycleInput } from '../domain/autopilot/inputs.ts';
import { addTotals, type MetricTotals, ZERO_TOTALS } from '../domain/autopilot/metrics.ts';
import { autopilotSettings } from '../domain/autopilot/settings.ts';

const { values: args } = parseArgs({
  options: {
    ads: { type: 'string', default: '100000' },
    hours: { type: 'string', default: '24' },
    runs: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});
const say = (line: string) => {
  if (!args.json) console.log(line);
};
const ADS = Number(args.ads);
const HOURS = Number(args.hours);
const RUNS = Number(args.runs);
for (const [name, value] of Object.entries({ ads: ADS, hours: HOURS, runs: RUNS })) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a whole number of at least 1.`);
    process.exit(2);
  }
}

const HOUR = 3_600_000;
const ORG = '0193a6f0-0000-7000-8000-0000000000aa';
/** Monday 2026-11-23 12:00 UTC (09:00 in São Paulo); the data ends here. */
const NOW = Date.UTC(2026, 10, 23, 12);
const DAY_START = Date.UTC(2026, 10, 23, 3);
const WEEK_START = DAY_START;
const TRAILING_HOURS = autopilotSettings().scaling.compareWindowHours;

/** The project's own tables, created by its migrations in order. */
async function createSchema(db: Client) {
  const dir = 'schema/migrations';
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    const statements = readFileSync(join(dir, file), 'utf8').split('--> statement-breakpoint');
    for (const statement of statements) if (statement.trim()) await db.execute(statement);
  }
}

/** UUID-shaped ids, as production's UUIDv7s are: the same text length to compare and index. */
const uuidSql = (kind: number, n: string) =>
  `printf('0193a6f0-%04x-7000-8000-%012x', ${kind}, ${n})`;

/** Fills the tables with SQL inside SQLite (millions of rows in seconds), deterministically. */
async function populate(db: Client) {
  const adSets = Math.ceil(ADS / 5);
  const start = NOW - HOURS * HOUR;
  await db.executeMultiple('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;');
  await db.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
      INSERT INTO ad_campaigns (id, org_id, name, platform, objective, status, external_id, currency,
        published_at, created_at)
      SELECT ${uuidSql(1, 'i')}, ?, 'Product ' || i, 'sandbox', 'SALES', 'active', 'x' || i, 'BRL', ?, ?
      FROM n`,
    args: [Math.ceil(adSets / 10), ORG, BigInt(NOW), BigInt(NOW)],
  });
  await db.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
      INSERT INTO ad_sets (id, org_id, campaign_id, name, daily_budget_minor, initial_budget_minor,
        countries, age_min, age_max, placements, external_id, status, paused_for, paused_at,
        launched_at, position, created_at)
      SELECT ${uuidSql(2, 'i')}, ?, ${uuidSql(1, 'i / 10')}, 'Audience ' || i,
        CASE WHEN i % 7 = 0 THEN (15000 + i * 7919 % 45001) * 6 / 5 ELSE 15000 + i * 7919 % 45001 END,
        15000 + i * 7919 % 45001, '["BR"]', 18, 65, '["feed"]', 'x' || i,
        CASE WHEN i % 97 = 0 OR i % 50 = 0 THEN 'paused' ELSE 'active' END,
        CASE WHEN i % 97 = 0 THEN 'manual' WHEN i % 50 = 0 THEN 'stop_loss' END,
        CASE WHEN i % 97 = 0 OR i % 50 = 0 THEN ? - 10 * 3600000 END,
        ? - (24 + i % 48) * 3600000, i, ?
      FROM n`,
    args: [adSets, ORG, BigInt(NOW), BigInt(NOW), BigInt(NOW)],
  });
  // Every seventh ad set was raised 12–48 h ago: its last budget change is that executed decision.
  await db.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 7 FROM n WHERE i + 7 < ?)
      INSERT INTO autopilot_decisions (id, org_id, cycle_key, cycle, window_start, entity_kind,
        entity_id, ad_set_id, campaign_id, verdict, action_type, action, reasons, inputs, thresholds,
        expected, rule_version, mode, requires_approval, status, executed_at, created_at)
      SELECT ${uuidSql(4, 'i')}, ?, 'raise-' || i, 'decide', ?, 'ad_set', ${uuidSql(2, 'i')},
        ${uuidSql(2, 'i')}, ${uuidSql(1, 'i / 10')}, 'winner', 'set_budget',
        json_object('type', 'set_budget', 'reason', 'winner_raise',
          'fromMinor', 15000 + i * 7919 % 45001, 'toMinor', (15000 + i * 7919 % 45001) * 6 / 5),
        '["winner"]',
        json_object('trailing', json_object('impressions', 20000, 'clicks', 300,
          'spendMinor', 30000, 'conversions', 9, 'revenueMinor', 75000 + i % 5 * 10000)),
        '{}', '{}', 'autopilot-rules/1', 'AUTO', 0, 'executed',
        ? - (i % 4 + 1) * 12 * 3600000, ?
      FROM n`,
    args: [adSets, ORG, BigInt(NOW), BigInt(NOW), BigInt(NOW)],
  });
  await db.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
      INSERT INTO ads (id, org_id, campaign_id, ad_set_id, name, creative_refs, headline, body,
        call_to_action, image_url, landing_url, utm_campaign, external_id, status, paused_for,
        paused_at, launched_at, position, created_at)
      SELECT ${uuidSql(3, 'i')}, ?, ${uuidSql(1, 'i / 50')}, ${uuidSql(2, 'i / 5')}, 'Ad ' || i,
        '{}', 'Headline', 'Body', 'SHOP_NOW', 'https://cdn.example/a.png',
        'https://loja.example/?utm_source=meta', ${uuidSql(1, 'i / 50')}, 'y' || i, CASE WHEN i % 13 = 0 THEN 'paused' ELSE 'active' END,
        CASE WHEN i % 13 = 0 THEN 'stop_loss' END, CASE WHEN i % 13 = 0 THEN ? - 20 * 3600000 END,
        ? - (24 + i % 48) * 3600000, i, ?
      FROM n`,
    args: [ADS, ORG, BigInt(NOW), BigInt(NOW), BigInt(NOW)],
  });
  // Per ad: CTR 0.5–2.5%, CVR 0.5–4%, order value R$60–180; per hour its share of the ad set's
  // budget at a CPM of R$14–22. Integer division with a varying offset dithers clicks and orders
  // to whole numbers with the right averages.
  await db.execute({
    sql: `WITH RECURSIVE h(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM h WHERE k + 1 < ?),
      rows AS (
        SELECT a.id AS ad_id, a.campaign_id, k, a.position AS n,
          max(1, s.daily_budget_minor / 120 + (a.position * 31 + k * 17) % 11 - 5) AS spend
        FROM ads a JOIN ad_sets s ON s.id = a.ad_set_id CROSS JOIN h),
      shown AS (SELECT *, spend * 1000 / (1400 + n * 13 % 800) AS impressions FROM rows),
      clicked AS (SELECT *, (impressions * (50 + n * 7919 % 200) + (n * 104729 + k * 7919) % 10000) / 10000
        AS clicks FROM shown),
      bought AS (SELECT *, (clicks * (50 + n * 6151 % 350) + (n * 3571 + k * 6007) % 10000) / 10000
        AS conversions FROM clicked)
      INSERT INTO ad_insights (org_id, ad_id, campaign_id, hour_start, attribution_window,
        impressions, clicks, spend_minor, conversions, revenue_minor, currency, pulled_at)
      SELECT ?, ad_id, campaign_id, ? + k * 3600000, '7d_click', impressions, clicks, spend,
        conversions, conversions * (6000 + n * 2909 % 12000), 'BRL', ?
      FROM bought`,
    args: [HOURS, ORG, BigInt(start), BigInt(NOW)],
  });
  await db.execute('ANALYZE');
}

interface ReadRows {
  adSets: Record<string, unknown>[];
  ads: Record<string, unknown>[];
  /** Per ad: lifetime, trailing and since-its-ad-set's-last-change sums, spend today and this week. */
  adWindows: Record<string, unknown>[];
}

const WINDOW_COLUMNS = ['impressions', 'clicks', 'spend_minor', 'conversions', 'revenue_minor'];
const sums = (prefix: string, when?: string) =>
  WINDOW_COLUMNS.map(
    (c) =>
      `${when ? `SUM(CASE WHEN ${when} THEN i.${c} ELSE 0 END)` : `SUM(i.${c})`} AS ${prefix}_${c}`,
  ).join(', ');

/**
 * The floor: every row the decisions need, read and materialized, nothing else. One pass over
 * the org's insight rows gives every window per ad (cheaper than a pass per window); an ad set's
 * windows are the sums of its ads'.
 */
async function readRows(db: Client): Promise<ReadRows> {
  const adSets = await db.execute({
    sql: `SELECT s.id, s.campaign_id, s.status, s.paused_for, s.paused_at, s.launched_at,
        s.initial_budget_minor, s.daily_budget_minor,
        (SELECT json_object('at', d.executed_at, 'action', json(d.action),
            'trailing', json_extract(d.inputs, '$.trailing'))
          FROM autopilot_decisions d
          WHERE d.org_id = s.org_id AND d.ad_set_id = s.id AND d.action_type = 'set_budget'
            AND d.status = 'executed'
          ORDER BY d.executed_at DESC LIMIT 1) AS last_change
      FROM ad_sets s JOIN ad_campaigns c ON c.id = s.campaign_id AND c.org_id = s.org_id
      WHERE s.org_id = ? AND c.status = 'active' AND s.status IN ('active', 'paused')
        AND s.launched_at IS NOT NULL`,
    args: [ORG],
  });
  const ads = await db.execute({
    sql: `SELECT id, ad_set_id, status, paused_for, paused_at, launched_at
      FROM ads WHERE org_id = ? AND status IN ('active', 'paused') AND launched_at IS NOT NULL`,
    args: [ORG],
  });
  const adWindows = await db.execute({
    sql: `WITH set_changed AS MATERIALIZED (
        SELECT d.ad_set_id, max(d.executed_at) AS since FROM autopilot_decisions d
        WHERE d.org_id = :org AND d.entity_kind = 'ad_set' AND d.action_type = 'set_budget'
          AND d.status = 'executed'
        GROUP BY d.ad_set_id),
      changed AS MATERIALIZED (
        SELECT a.id AS ad_id, c.since FROM ads a JOIN set_changed c ON c.ad_set_id = a.ad_set_id
        WHERE a.org_id = :org)
      SELECT i.ad_id, ${sums('life')}, ${sums('trail', 'i.hour_start >= :trailingFrom')},
        ${sums('since', 'i.hour_start >= c.since')},
        SUM(CASE WHEN i.hour_start >= :dayStart THEN i.spend_minor ELSE 0 END) AS spent_today,
        SUM(CASE WHEN i.hour_start >= :weekStart THEN i.spend_minor ELSE 0 END) AS spent_week
      FROM ad_insights i LEFT JOIN changed c ON c.ad_id = i.ad_id
      WHERE i.org_id = :org GROUP BY i.ad_id`,
    args: {
      org: ORG,
      trailingFrom: BigInt(NOW - TRAILING_HOURS * HOUR),
      dayStart: BigInt(DAY_START),
      weekStart: BigInt(WEEK_START),
    },
  });
  return { adSets: adSets.rows, ads: ads.rows, adWindows: adWindows.rows };
}

const totals = (row: Record<string, unknown> | undefined, prefix: string): MetricTotals =>
  row
    ? {
        impressions: Number(row[`${prefix}_impressions`]),
        clicks: Number(row[`${prefix}_clicks`]),
        spendMinor: Number(row[`${prefix}_spend_minor`]),
        conversions: Number(row[`${prefix}_conversions`]),
        revenueMinor: Number(row[`${prefix}_revenue_minor`]),
      }
    : { ...ZERO_TOTALS };

interface AdSetSums {
  ads: AdInput[];
  trailing: MetricTotals;
  since: MetricTotals;
  spentToday: number;
}

/** An ad set's latest executed budget decision, as the autopilot's reader turns it into a change. */
function budgetChange(json: string): BudgetChange {
  const { at, action, trailing } = JSON.parse(json) as {
    at: number;
    action: { reason: BudgetChange['reason']; fromMinor: number; toMinor: number };
    trailing: MetricTotals | null;
  };
  return {
    at,
    reason: action.reason,
    fromMinor: action.fromMinor,
    toMinor: action.toMinor,
    before: action.reason === 'winner_raise' ? trailing : null,
  };
}

/** Decide: rows → cycle input → decisions, as the cron does. */
function decide(rows: ReadRows, budgetsMinor: number) {
  const windowsByAd = new Map(rows.adWindows.map((r) => [r.ad_id as string, r]));
  const adSetIdOfAd = new Map(rows.ads.map((r) => [r.id as string, r.ad_set_id as string]));
  const bySet = new Map<string, AdSetSums>();
  const setSums = (id: string) => {
    let entry = bySet.get(id);
    if (!entry) {
      entry = { ads: [], trailing: { ...ZERO_TOTALS }, since: { ...ZERO_TOTALS }, spentToday: 0 };
      bySet.set(id, entry);
    }
    return entry;
  };
  let todayMinor = 0;
  let weekMinor = 0;
  for (const row of rows.adWindows) {
    todayMinor += Number(row.spent_today);
    weekMinor += Number(row.spent_week);
    const adSetId = adSetIdOfAd.get(row.ad_id as string);
    if (!adSetId) continue;
    const entry = setSums(adSetId);
    entry.trailing = addTotals(entry.trailing, totals(row, 'trail'));
    entry.since = addTotals(entry.since, totals(row, 'since'));
    entry.spentToday += Number(row.spent_today);
  }
  for (const row of rows.ads) {
    setSums(row.ad_set_id as string).ads.push({
      id: row.id as string,
      status: row.status as AdInput['status'],
      pausedFor: (row.paused_for as PausedFor | null) ?? null,
      pausedAt: (row.paused_at as number | null) ?? null,
      launchedAt: row.launched_at as number,
      lifetime: totals(windowsByAd.get(row.id as string), 'life'),
    });
  }
  const adSets: AdSetInput[] = rows.adSets.map((row) => {
    const id = row.id as string;
    const entry = setSums(id);
    const change = row.last_change ? budgetChange(row.last_change as string) : null;
    return {
      id,
      campaignId: row.campaign_id as string,
      status: row.status as AdSetInput['status'],
      pausedFor: (row.paused_for as PausedFor | null) ?? null,
      pausedAt: (row.paused_at as number | null) ?? null,
      launchedAt: row.launched_at as number,
      initialDailyBudgetMinor: row.initial_budget_minor as number,
      dailyBudgetMinor: row.daily_budget_minor as number,
      spentTodayMinor: entry.spentToday,
      lastBudgetChange: change,
      sinceBudgetChange: change ? entry.since : { ...ZERO_TOTALS },
      trailing: entry.trailing,
      pendingCreatives: 0,
      ads: entry.ads,
    };
  });
  const input: CycleInput = {
    orgId: ORG,
    now: NOW,
    settings: autopilotSettings({
      mode: 'AUTO',
      caps: { dailyMinor: Math.round(budgetsMinor * 1.25), weeklyMinor: budgetsMinor * 7 },
    }),
    spend: { todayMinor, weekMinor, day: '2026-11-23', week: '2026-W48' },
    adSets,
  };
  return decideCycle(input);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

const dir = mkdtempSync(join(tmpdir(), 'bench-decide-'));
const db = createClient({ url: `file:${join(dir, 'ads.db')}` });
try {
  say(`Building ${ADS.toLocaleString('en-US')} ads with ${HOURS} h of hourly insights…`);
  await createSchema(db);
  const built = await timed(() => populate(db));
  const counts = (
    await db.execute(
      "SELECT (SELECT COUNT(*) FROM ads) AS ads, (SELECT COUNT(*) FROM ad_sets) AS ad_sets, (SELECT COUNT(*) FROM ad_insights) AS rows, (SELECT SUM(daily_budget_minor) FROM ad_sets WHERE status = 'active') AS budgets",
    )
  ).rows[0]!;
  say(
    `  ${Number(counts.ads).toLocaleString('en-US')} ads, ${Number(counts.ad_sets).toLocaleString('en-US')} ad sets, ${Number(counts.rows).toLocaleString('en-US')} insight rows (${(built.ms / 1000).toFixed(1)} s)`,
  );

  await readRows(db); // warm the page cache: both measurements then read from memory
  const reads: number[] = [];
  const decides: number[] = [];
  let rows: ReadRows | undefined;
  let output: ReturnType<typeof decide> | undefined;
  for (let run = 0; run < RUNS; run++) {
    const read = await timed(() => readRows(db));
    reads.push(read.ms);
    rows = read.value;
    const decided = await timed(() => decide(rows!, Number(counts.budgets)));
    decides.push(decided.ms);
    output = decided.value;
  }
  const ads = Number(counts.ads);
  const readMs = median(reads);
  const decideMs = median(decides);
  const actions: Record<string, number> = {};
  const verdicts: Record<string, number> = {};
  for (const d of output!.decisions) {
    const kind = [
      d.entity.kind,
      d.action.type,
      ...('reason' in d.action ? [d.action.reason] : []),
    ].join(':');
    actions[kind] = (actions[kind] ?? 0) + 1;
    verdicts[`${d.entity.kind}:${d.verdict}`] =
      (verdicts[`${d.entity.kind}:${d.verdict}`] ?? 0) + 1;
  }
  const figures = {
    ads,
    adSets: Number(counts.ad_sets),
    insightRows: Number(counts.rows),
    runs: RUNS,
    readMs: Math.round(readMs),
    decideMs: Math.round(decideMs),
    readMicrosPerAd: Math.round(((readMs * 1000) / ads) * 100) / 100,
    decideMicrosPerAd: Math.round(((decideMs * 1000) / ads) * 100) / 100,
    ratioDecideToRead: Math.round((decideMs / readMs) * 1000) / 1000,
    decisions: output!.decisions.length,
    actions,
    verdicts,
  };
  if (args.json) console.log(JSON.stringify(figures));
  else {
    say(
      `read (floor): ${figures.readMs} ms = ${figures.readMicrosPerAd} µs per ad (median of ${RUNS})`,
    );
    say(
      `decide:       ${figures.decideMs} ms = ${figures.decideMicrosPerAd} µs per ad (rows → input → decideCycle)`,
    );
    say(`ratio decide/read: ${figures.ratioDecideToRead}`);
    say(
      `${figures.decisions.toLocaleString('en-US')} decisions: ${Object.entries(actions)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
    );
    say(
      `verdicts: ${Object.entries(verdicts)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
    );
  }
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
