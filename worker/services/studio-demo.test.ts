import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { balanceOf } from '../../test/studio.ts';
import { DEMO, seedDemo } from './demo-seed.ts';

const rows = (sql: string) => env.DB.prepare(sql).bind(DEMO.orgId).all<Record<string, any>>();

it('seeds the demo studio once: templates and generations that run and are paid', {
  timeout: 30_000,
}, async () => {
  const first = await seedDemo(env);
  expect(first.created).toEqual(
    expect.arrayContaining([
      'studio template Oferta da semana (Stories)',
      'studio demo-studio-caption',
      'studio demo-studio-image',
      'studio demo-studio-voice',
    ]),
  );
  const second = await seedDemo(env);
  expect(second.created).toEqual([]);

  const templates = await rows('select name from studio_templates where org_id = ?');
  expect(templates.results).toHaveLength(2);
  const until = Date.now() + 20_000;
  let jobs: Record<string, any>[] = [];
  while (Date.now() < until) {
    jobs = (await rows("select status from jobs where org_id = ? and kind = 'studio.generate'"))
      .results;
    if (jobs.length === 3 && jobs.every((j) => j.status === 'done')) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(jobs.map((j) => j.status)).toEqual(['done', 'done', 'done']);
  const generations = await rows(
    'select modality, favorite, credits_charged from studio_generations where org_id = ? order by id',
  );
  expect(generations.results.map((g) => [g.modality, g.favorite])).toEqual([
    ['text', 1],
    ['image', 0],
    ['speech', 0],
  ]);
  expect(generations.results.every((g) => g.credits_charged > 0)).toBe(true);
  const balance = await balanceOf(DEMO.orgId);
  expect(balance.held).toBe(0);
  // Seeding again, after everything ran, charges nothing more.
  expect((await seedDemo(env)).created).toEqual([]);
  expect(await balanceOf(DEMO.orgId)).toEqual(balance);
});
