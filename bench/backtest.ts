/**
 * `npm run backtest -- --days 30 --ads 500 --seed 42 [--json]`
 * `npm run backtest -- --days 30 --ads 500 --seeds 1..10 [--json]`
 *
 * Runs the real autopilot decisions against the sandbox market (bench/backtest-engine.ts) and
 * prints spend, revenue, ROAS and profit for the autopilot, no automation and a "pause if
 * ROAS < 1" rule, with the autopilot's cap breaches and over-limit budget changes (both must be
 * 0). With `--seeds A..B` it runs each seed and prints the table and how many seeds the autopilot
 * beat both baselines on. `--json` prints one JSON object (an array of them for `--seeds`).
 */
import { parseArgs } from 'node:util';
import { type BacktestResult, runBacktest } from './backtest-engine.ts';

const { values: args } = parseArgs({
  options: {
    days: { type: 'string', default: '30' },
    ads: { type: 'string', default: '500' },
    seed: { type: 'string', default: '42' },
    seeds: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

function wholeNumber(name: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    console.error(`--${name} must be a whole number of at least 1 (got "${text}").`);
    process.exit(2);
  }
  return Number(text);
}

const days = wholeNumber('days', args.days);
const ads = wholeNumber('ads', args.ads);
let seeds: number[];
if (args.seeds) {
  const match = /^(\d+)\.\.(\d+)$/.exec(args.seeds);
  if (!match || Number(match[1]) > Number(match[2])) {
    console.error(`--seeds must look like 1..10 (got "${args.seeds}").`);
    process.exit(2);
  }
  seeds = [];
  for (let s = Number(match[1]); s <= Number(match[2]); s++) seeds.push(s);
} else {
  seeds = [wholeNumber('seed', args.seed)];
}

const money = (minor: number) =>
  (minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pad = (text: string, width: number) => text.padStart(width);
const beatsBoth = (r: BacktestResult) =>
  r.autopilot.profit > r.noAutomation.profit && r.autopilot.profit > r.pauseRule.profit;
const contract = (r: BacktestResult) => ({
  autopilot: r.autopilot,
  noAutomation: r.noAutomation,
  pauseRule: r.pauseRule,
  capBreaches: r.capBreaches,
  overLimitChanges: r.overLimitChanges,
});

const results: { seed: number; result: BacktestResult; ms: number }[] = [];
for (const seed of seeds) {
  const started = performance.now();
  const result = runBacktest({ days, ads, seed });
  results.push({ seed, result, ms: performance.now() - started });
}

if (args.json) {
  const objects = results.map((r) => contract(r.result));
  console.log(JSON.stringify(seeds.length === 1 ? objects[0] : objects));
} else if (results.length === 1) {
  const { seed, result: r, ms } = results[0]!;
  const d = r.details;
  console.log(
    `Backtest: ${days} days, ${ads} ads, seed ${seed} (${(ms / 1000).toFixed(1)} s); money in ${d.currency}; caps ${money(d.caps.dailyMinor)}/day, ${money(d.caps.weeklyMinor)}/week`,
  );
  console.log(
    `${'strategy'.padEnd(14)}${pad('spend', 14)}${pad('revenue', 14)}${pad('ROAS', 8)}${pad('profit', 14)}`,
  );
  for (const [name, s] of [
    ['autopilot', r.autopilot],
    ['no automation', r.noAutomation],
    ['pause ROAS<1', r.pauseRule],
  ] as const) {
    console.log(
      `${name.padEnd(14)}${pad(money(s.spend), 14)}${pad(money(s.revenue), 14)}${pad(s.roas.toFixed(2), 8)}${pad(money(s.profit), 14)}`,
    );
  }
  console.log(`cap breaches: ${r.capBreaches}   over-limit budget changes: ${r.overLimitChanges}`);
  console.log(
    `autopilot actions executed: ${Object.entries(d.executed)
      .map(([k, n]) => `${k} ${n}`)
      .join(
        ', ',
      )}; proposals needing approval: ${d.proposed}; new creatives live: ${d.creativesLaunched}; changes from repeated cron runs: ${d.repeatedCycleChanges}`,
  );
  console.log(
    beatsBoth(r) ? 'autopilot beat both baselines' : 'autopilot did NOT beat both baselines',
  );
} else {
  console.log(
    `Backtest: ${days} days, ${ads} ads, seeds ${seeds[0]}..${seeds.at(-1)}; profit in ${results[0]!.result.details.currency}`,
  );
  console.log(
    `${'seed'.padEnd(6)}${pad('autopilot', 14)}${pad('no autom.', 14)}${pad('pause<1', 14)}${pad('ROAS a/n/p', 18)}${pad('breaches', 10)}${pad('over-limit', 12)}  beats both`,
  );
  for (const { seed, result: r } of results) {
    console.log(
      `${String(seed).padEnd(6)}${pad(money(r.autopilot.profit), 14)}${pad(money(r.noAutomation.profit), 14)}${pad(money(r.pauseRule.profit), 14)}${pad(`${r.autopilot.roas.toFixed(2)}/${r.noAutomation.roas.toFixed(2)}/${r.pauseRule.roas.toFixed(2)}`, 18)}${pad(String(r.capBreaches), 10)}${pad(String(r.overLimitChanges), 12)}  ${beatsBoth(r) ? 'yes' : 'NO'}`,
    );
  }
  const wins = results.filter((r) => beatsBoth(r.result)).length;
  console.log(`autopilot beat both baselines on ${wins} of ${results.length} seeds`);
}
